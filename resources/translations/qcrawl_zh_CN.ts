<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EngineText</name>
    <message>
        <source>canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>connection closed by the server</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>host not found: %1</source>
        <translation>找不到主机：%1</translation>
    </message>
    <message>
        <source>stalled: no data for %1 s</source>
        <translation>停滞：%1 秒内没有收到数据</translation>
    </message>
    <message>
        <source>too many redirects (more than %1)</source>
        <translation>重定向次数过多（超过 %1 次）</translation>
    </message>
    <message>
        <source>refused a redirect from HTTPS to HTTP</source>
        <translation>已拒绝从 HTTPS 重定向到 HTTP</translation>
    </message>
    <message>
        <source>redirect to an unsupported URL: %1</source>
        <translation>重定向到不受支持的网址：%1</translation>
    </message>
    <message>
        <source>incomplete body: %1 of %2 bytes</source>
        <translation>响应体不完整：只收到 %1 字节（共 %2 字节）</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>no response</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>HTTP %1 %2</source>
        <translation>HTTP %1 %2</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>no media URL</source>
        <translation>未找到媒体 URL</translation>
    </message>
    <message>
        <source>larger than %1 bytes</source>
        <translation>大于 %1 字节</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>TLS 握手失败：%1</translation>
    </message>
    <message>
        <source>the certificate of %1 is not trusted (%2)</source>
        <translation>%1 的证书不受信任（%2）</translation>
    </message>
    <message>
        <source>the certificate of %1 is for another host name (%2)</source>
        <translation>%1 的证书属于另一个主机名（%2）</translation>
    </message>
    <message>
        <source>the server resumed at the wrong offset (%1)</source>
        <translation>服务器续传的起始位置不对（%1）</translation>
    </message>
    <message>
        <source>cannot rename %1 to %2</source>
        <translation>无法将 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>the page is larger than %1 MiB</source>
        <translation>页面大于 %1 MiB</translation>
    </message>
    <message>
        <source>cannot read the detail page: %1</source>
        <translation>无法读取详情页：%1</translation>
    </message>
    <message>
        <source>slower than %1 bytes/s for %2 s</source>
        <translation>%2 秒内慢于每秒 %1 字节</translation>
    </message>
    <message>
        <source>took longer than %1 s</source>
        <translation>用时超过 %1 秒</translation>
    </message>
    <message>
        <source>the server did not send the byte range %1 (it answered %2)</source>
        <translation>服务器没有发送所请求的字节范围 %1（它的回应是 %2）</translation>
    </message>
    <message>
        <source>not a usable HLS playlist: %1</source>
        <translation>不是可用的 HLS 播放列表：%1</translation>
    </message>
    <message>
        <source>a live HLS stream (no EXT-X-ENDLIST): recording live streams is not supported</source>
        <translation>这是 HLS 直播流（没有 EXT-X-ENDLIST）：不支持录制直播</translation>
    </message>
    <message>
        <source>DRM-protected HLS stream (METHOD=%1, %2)</source>
        <translation>受 DRM 保护的 HLS 流（METHOD=%1，%2）</translation>
    </message>
    <message>
        <source>the HLS key %1 is %2 bytes, not 16</source>
        <translation>HLS 密钥 %1 为 %2 字节，而不是 16 字节</translation>
    </message>
    <message>
        <source>segment %1 of %2: %3</source>
        <translation>第 %1 段（共 %2 段）：%3</translation>
    </message>
</context>
<context>
    <name>HarvestDialog</name>
    <message>
        <source>Harvest videos</source>
        <translation>采集视频</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>Ready-made recipes, and the ones you saved</source>
        <translation>内置方案，以及您保存的预设</translation>
    </message>
    <message>
        <source>&amp;Save as preset…</source>
        <translation>另存为预设(&amp;S)…</translation>
    </message>
    <message>
        <source>Keep these expressions under a name of your own</source>
        <translation>以自定义名称保存这些表达式</translation>
    </message>
    <message>
        <source>&amp;Delete preset</source>
        <translation>删除预设(&amp;D)</translation>
    </message>
    <message>
        <source>Forget the selected preset of your own</source>
        <translation>删除所选的自定义预设</translation>
    </message>
    <message>
        <source>&amp;List page:</source>
        <translation>列表页(&amp;L)：</translation>
    </message>
    <message>
        <source>http://www.pearvideo.com/category_5</source>
        <translation>http://www.pearvideo.com/category_5</translation>
    </message>
    <message>
        <source>L&amp;oad</source>
        <translation>加载(&amp;O)</translation>
    </message>
    <message>
        <source>Fetch the list page and preview the items it matches</source>
        <translation>抓取列表页，预览匹配到的条目</translation>
    </message>
    <message>
        <source>Use the &amp;demo site</source>
        <translation>使用演示站点(&amp;D)</translation>
    </message>
    <message>
        <source>The built-in demo server&apos;s offline video site, shaped like the tutorial&apos;s</source>
        <translation>内置演示服务器提供的离线视频站点，结构与教程中的网站相同</translation>
    </message>
    <message>
        <source>&amp;Items (XPath):</source>
        <translation>条目（XPath）(&amp;I)：</translation>
    </message>
    <message>
        <source>Lin&amp;k (XPath in an item):</source>
        <translation>链接（条目内 XPath）(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Title (XPath in an item):</source>
        <translation>标题（条目内 XPath）(&amp;T)：</translation>
    </message>
    <message>
        <source>How to find the video on a detail page</source>
        <translation>如何在详情页中找到视频</translation>
    </message>
    <message>
        <source>Select an item to see the media URL its detail page gives.</source>
        <translation>选择一个条目，查看其详情页给出的媒体 URL。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>qcrawl</source>
        <translation>qcrawl</translation>
    </message>
    <message>
        <source>&lt;b&gt;URLs&lt;/b&gt;</source>
        <translation>&lt;b&gt;网址&lt;/b&gt;</translation>
    </message>
    <message>
        <source>New here? The built-in demo server shows why async wins — no internet needed.</source>
        <translation>初次使用？内置的演示服务器会展示异步为何更快——无需联网。</translation>
    </message>
    <message>
        <source>&amp;Try the demo</source>
        <translation>试用演示(&amp;T)</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>Hide this hint</source>
        <translation>隐藏此提示</translation>
    </message>
    <message>
        <source>No URLs yet</source>
        <translation>尚无网址</translation>
    </message>
    <message>
        <source>&lt;b&gt;Results&lt;/b&gt;</source>
        <translation>&lt;b&gt;结果&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Filter URL, type or error (Ctrl+F)</source>
        <translation>按网址、类型或错误筛选 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Show only rows in this state</source>
        <translation>只显示处于此状态的行</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>抓取(&amp;F)</translation>
    </message>
    <message>
        <source>Fetch every URL in the list (Ctrl+Return)</source>
        <translation>抓取列表中的所有网址 (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel the run; partial files are removed (Esc)</source>
        <translation>取消本次运行，并删除未下载完的文件 (Esc)</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清空(&amp;L)</translation>
    </message>
    <message>
        <source>Clear the URL list and the results (Ctrl+Shift+L)</source>
        <translation>清空网址列表和结果 (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Filter results</source>
        <translation>筛选结果(&amp;F)</translation>
    </message>
    <message>
        <source>Filter the results table (Ctrl+F)</source>
        <translation>筛选结果表格 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>&amp;Import URLs…</source>
        <translation>导入网址(&amp;I)…</translation>
    </message>
    <message>
        <source>Add the URLs of a text file to the list (Ctrl+O)</source>
        <translation>将文本文件中的网址添加到列表 (Ctrl+O)</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>导出结果(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the results as CSV or JSON (Ctrl+S)</source>
        <translation>将结果保存为 CSV 或 JSON (Ctrl+S)</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit qcrawl (Ctrl+Q)</source>
        <translation>退出 qcrawl (Ctrl+Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Async (one event loop)</source>
        <translation>异步（单个事件循环）(&amp;A)</translation>
    </message>
    <message>
        <source>Many requests in flight on one thread (Ctrl+1)</source>
        <translation>在一个线程上同时进行多个请求 (Ctrl+1)</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Thread pool</source>
        <translation>线程池(&amp;T)</translation>
    </message>
    <message>
        <source>N worker threads, each fetching one URL at a time (Ctrl+2)</source>
        <translation>N 个工作线程，每个线程一次抓取一个网址 (Ctrl+2)</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;Serial</source>
        <translation>串行(&amp;S)</translation>
    </message>
    <message>
        <source>One URL after another (Ctrl+3)</source>
        <translation>逐个抓取网址 (Ctrl+3)</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>&amp;Compare modes</source>
        <translation>对比各模式(&amp;C)</translation>
    </message>
    <message>
        <source>Run the list through serial, thread pool and async and compare their timelines (Ctrl+M)</source>
        <translation>分别以串行、线程池和异步方式运行列表，并对比它们的时间线 (Ctrl+M)</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>&amp;Harvest videos…</source>
        <translation>采集视频(&amp;H)…</translation>
    </message>
    <message>
        <source>Read a list page with XPath, open each detail page, find its video (Ctrl+H)</source>
        <translation>用 XPath 解析列表页，逐个打开详情页并找出其中的视频 (Ctrl+H)</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>&amp;Save videos…</source>
        <translation>保存视频(&amp;S)…</translation>
    </message>
    <message>
        <source>Download the selected (or all) harvested videos into a folder (Ctrl+Shift+S)</source>
        <translation>将选中的（或全部）已采集视频下载到文件夹 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>Headers, User-Agent, timeout, retries, proxy, per-host limit, folder (Ctrl+,)</source>
        <translation>请求头、User-Agent、超时、重试次数、代理、每主机并发上限、下载文件夹 (Ctrl+,)</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>试用演示(&amp;D)</translation>
    </message>
    <message>
        <source>Start the built-in demo server and fill the list with the tutorial&apos;s experiment (Ctrl+D)</source>
        <translation>启动内置演示服务器，并在列表中填入教程中的实验 (Ctrl+D)</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;About qcrawl</source>
        <translation>关于 qcrawl(&amp;A)</translation>
    </message>
    <message>
        <source>Version and credits</source>
        <translation>版本与致谢</translation>
    </message>
    <message>
        <source>&amp;Videos</source>
        <translation>视频(&amp;V)</translation>
    </message>
</context>
<context>
    <name>qcrawl::CompareDialog</name>
    <message>
        <source>Compare serial, thread pool and async</source>
        <translation>对比串行、线程池与异步</translation>
    </message>
    <message>
        <source>Running %1: %2 of %3 done…</source>
        <translation>正在运行 %1：已完成 %2/%3…</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>并发数</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <source>req/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation>MB/s</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>OK / failed</source>
        <translation>成功 / 失败</translation>
    </message>
    <message>
        <source>Run &amp;again</source>
        <translation>再次运行(&amp;A)</translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation>导出 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Save the timeline as an image</source>
        <translation>将时间线保存为图片</translation>
    </message>
    <message>
        <source>Save every request&apos;s start and end time</source>
        <translation>保存每个请求的开始和结束时间</translation>
    </message>
    <message>
        <source>The same list of %1 URLs, one mode after another. Every bar is one request, from the moment it was sent to the moment its last byte arrived.</source>
        <translation>同一份列表（%1 个网址）依次以各模式运行。每个横条代表一个请求，从发出请求的那一刻一直到最后一个字节到达。</translation>
    </message>
    <message>
        <source>serial · 1 thread</source>
        <translation>串行 · 1 个线程</translation>
    </message>
    <message>
        <source>pool · threads: %1</source>
        <translation>线程池 · 线程数：%1</translation>
    </message>
    <message>
        <source>async · %1 in flight</source>
        <translation>异步 · 并发 %1</translation>
    </message>
    <message>
        <source>Done. Serial waits for each request in turn; the pool waits for as many as it has threads (%1) at a time; async waits for all of them at once.</source>
        <translation>完成。串行依次等待每个请求；线程池每次等待与线程数（%1）相同数量的请求；异步则同时等待所有请求。</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>正在运行 %1…</translation>
    </message>
    <message>
        <source>%1 in flight</source>
        <translation>并发 %1</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation>导出时间线</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export request times</source>
        <translation>导出请求时间</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>qcrawl::FetchRun</name>
    <message>
        <source>ok %1, failed %2</source>
        <translation>成功 %1，失败 %2</translation>
    </message>
    <message>
        <source>%1, canceled %2</source>
        <translation>%1，已取消 %2</translation>
    </message>
    <message>
        <source>%1 · %2 requests in %3 · %4 req/s · %5 MB/s · %6</source>
        <translation>%1 · %3 内完成 %2 个请求 · %4 请求/秒 · %5 MB/秒 · %6</translation>
    </message>
</context>
<context>
    <name>qcrawl::HarvestDialog</name>
    <message>
        <source>Media (regex, group 1):</source>
        <translation>媒体（正则表达式，第 1 组）：</translation>
    </message>
    <message>
        <source>Media (XPath):</source>
        <translation>媒体（XPath）：</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Detail page</source>
        <translation>详情页</translation>
    </message>
    <message>
        <source>&amp;Harvest</source>
        <translation>采集(&amp;H)</translation>
    </message>
    <message>
        <source>Read every detail page and list the videos in the main window</source>
        <translation>读取所有详情页，并在主窗口中列出视频</translation>
    </message>
    <message>
        <source>%1 items on the list page; reading their detail pages…</source>
        <translation>列表页上有 %1 个条目，正在读取它们的详情页…</translation>
    </message>
    <message>
        <source>Reading detail pages: %1 of %2</source>
        <translation>正在读取详情页：%1/%2</translation>
    </message>
    <message>
        <source>Harvest failed: %1</source>
        <translation>采集失败：%1</translation>
    </message>
    <message>
        <source>Load the list page to preview what the expressions match.</source>
        <translation>加载列表页，预览表达式匹配到的内容。</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <source>The demo server could not start.</source>
        <translation>无法启动演示服务器。</translation>
    </message>
    <message>
        <source>Enter the address of a list page (http or https).</source>
        <translation>请输入列表页的地址（http 或 https）。</translation>
    </message>
    <message>
        <source>Fetching %1…</source>
        <translation>正在抓取 %1…</translation>
    </message>
    <message>
        <source>Cannot read the list page: %1</source>
        <translation>无法读取列表页：%1</translation>
    </message>
    <message>
        <source>Media URL: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation>媒体 URL：&lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;No media URL: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c62828&apos;&gt;没有媒体 URL：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>%1 items match; %2 of them have no link (see why in the list).</source>
        <translation>匹配到 %1 个条目，其中 %2 个没有链接（原因见列表）。</translation>
    </message>
    <message>
        <source>%1 items match. Select one to see its media URL, or press Harvest.</source>
        <translation>匹配到 %1 个条目。选择一个条目可查看其媒体 URL，或点击“采集”。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Reading the list page…</source>
        <translation>正在读取列表页…</translation>
    </message>
</context>
<context>
    <name>qcrawl::HistoryDialog</name>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>URLs</source>
        <translation>URL 数</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Show the run&apos;s rows in the results table</source>
        <translation>在结果表中显示该次运行的各行</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>继续(&amp;C)</translation>
    </message>
    <message>
        <source>Show the run&apos;s rows and fetch its unfinished URLs</source>
        <translation>显示该次运行的各行并抓取其未完成的 URL</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Journal: %1</source>
        <translation>日志：%1</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行记录</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) from the history? Saved files stay.</source>
        <translation>
            <numerusform>从历史中删除 %n 条运行记录？已保存的文件会保留。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>导出历史</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;CSV (*.csv)</source>
        <translation>JSON Lines (*.jsonl);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>qcrawl::JobModel</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1
redirected to %2</source>
        <translation>%1
已重定向到 %2</translation>
    </message>
    <message>
        <source>%1
detail page: %2</source>
        <translation>%1
详情页：%2</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>网址</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>HTTP</source>
        <comment>column: HTTP status code</comment>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Content type</source>
        <translation>内容类型</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Detail page</source>
        <translation>详情页</translation>
    </message>
    <message>
        <source>HTTP status code of the response</source>
        <translation>响应的 HTTP 状态码</translation>
    </message>
    <message>
        <source>HTTP version of the response: 1.1 or 2</source>
        <translation>响应的 HTTP 版本：1.1 或 2</translation>
    </message>
    <message>
        <source>Version</source>
        <comment>column: HTTP version of the response</comment>
        <translation>版本</translation>
    </message>
</context>
<context>
    <name>qcrawl::MainWindow</name>
    <message>
        <source>Async</source>
        <translation>异步</translation>
    </message>
    <message>
        <source>Thread pool</source>
        <translation>线程池</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>串行</translation>
    </message>
    <message>
        <source>How to fetch: one event loop, a pool of blocking threads, or one after another (Ctrl+1/2/3)</source>
        <translation>抓取方式：单个事件循环、阻塞线程池，或逐个串行 (Ctrl+1/2/3)</translation>
    </message>
    <message>
        <source>in flight: </source>
        <translation>并发数：</translation>
    </message>
    <message>
        <source>Async: how many requests are in flight at once</source>
        <translation>异步：同时进行的请求数</translation>
    </message>
    <message>
        <source>threads: </source>
        <translation>线程数：</translation>
    </message>
    <message>
        <source>Thread pool: how many worker threads</source>
        <translation>线程池：工作线程的数量</translation>
    </message>
    <message>
        <source> Mode: </source>
        <translation> 模式：</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>URLs: %1</source>
        <translation>网址：%1</translation>
    </message>
    <message>
        <source>invalid: %1</source>
        <translation>无效：%1</translation>
    </message>
    <message>
        <source>duplicates fetched once: %1</source>
        <translation>重复（只抓取一次）：%1</translation>
    </message>
    <message>
        <source>Paste some URLs first.</source>
        <translation>请先粘贴一些网址。</translation>
    </message>
    <message>
        <source>None of the lines is a URL: see the marks in the list.</source>
        <translation>没有任何一行是网址：请查看列表中的标记。</translation>
    </message>
    <message>
        <source>Fetching %1 URLs in %2 mode…</source>
        <translation>正在以%2模式抓取 %1 个网址…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Stopping; partial files stay and resume next time…</source>
        <translation>正在停止；未下载完的文件将保留，下次继续下载…</translation>
    </message>
    <message>
        <source>Saved %1 of %2 videos (%3) in %4</source>
        <translation>已保存 %1/%2 个视频（%3），用时 %4</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <source>%1 of %2 URLs fetched in %3</source>
        <translation>已抓取 %1/%2 个网址，用时 %3</translation>
    </message>
    <message>
        <source>qcrawl: run finished</source>
        <translation>qcrawl：运行完成</translation>
    </message>
    <message>
        <source>done %1 · failed %2 · running %3 · queued %4</source>
        <translation>完成 %1 · 失败 %2 · 运行中 %3 · 排队中 %4</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 req/s · %4</source>
        <translation>%1 · %2 · %3 请求/秒 · %4</translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation>复制网址(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Open in browser</source>
        <translation>在浏览器中打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>取消(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Save body as…</source>
        <translation>将响应体另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Show &amp;response</source>
        <translation>查看响应(&amp;R)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1 (%2)</source>
        <translation>已保存 %1（%2）</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Downloading %1 to %2…</source>
        <translation>正在将 %1 下载到 %2…</translation>
    </message>
    <message>
        <source>Save body as</source>
        <translation>响应体另存为</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>Import URLs</source>
        <translation>导入网址</translation>
    </message>
    <message>
        <source>Text files (*.txt *.csv *.list);;All files (*)</source>
        <translation>文本文件 (*.txt *.csv *.list);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>The new language takes effect the next time qcrawl starts.</source>
        <translation>新语言将在下次启动 qcrawl 时生效。</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Cannot start the demo server: %1</source>
        <translation>无法启动演示服务器：%1</translation>
    </message>
    <message>
        <source># The tutorial&apos;s experiment: 20 pages that each take one second to answer.</source>
        <translation># 教程中的实验：20 个页面，每个页面都要 1 秒才响应。</translation>
    </message>
    <message>
        <source># Serial needs 20 s, a pool of 4 threads 5 s, async about 1 s. Try Compare (Ctrl+M).</source>
        <translation># 串行需要 20 秒，4 个线程的线程池需要 5 秒，异步约 1 秒。试试“对比各模式”(Ctrl+M)。</translation>
    </message>
    <message>
        <source># A few of each demo endpoint:</source>
        <translation># 每个演示端点各取几个：</translation>
    </message>
    <message>
        <source>Demo server at %1 – press Fetch (Ctrl+Return) or Compare (Ctrl+M)</source>
        <translation>演示服务器运行于 %1 – 请按“抓取”(Ctrl+Return) 或“对比各模式”(Ctrl+M)</translation>
    </message>
    <message>
        <source>%1 videos found (%2 items without one). Save videos (Ctrl+Shift+S) downloads them.</source>
        <translation>找到 %1 个视频（%2 个条目没有视频）。使用“保存视频”(Ctrl+Shift+S) 即可下载。</translation>
    </message>
    <message>
        <source>Saving %1 videos to %2…</source>
        <translation>正在将 %1 个视频保存到 %2…</translation>
    </message>
    <message>
        <source>Save videos to</source>
        <translation>将视频保存到</translation>
    </message>
    <message>
        <source>About qcrawl</source>
        <translation>关于 qcrawl</translation>
    </message>
    <message>
        <source>&lt;h3&gt;qcrawl %1&lt;/h3&gt;&lt;p&gt;Paste URLs, fetch them fast, watch every download.&lt;/p&gt;&lt;p&gt;Three ways to fetch a list — serial, a thread pool and one event loop — side by side, after the tutorial &quot;高性能异步爬虫&quot;.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;qcrawl %1&lt;/h3&gt;&lt;p&gt;粘贴网址，快速抓取，每个下载都尽收眼底。&lt;/p&gt;&lt;p&gt;参照教程《高性能异步爬虫》，将抓取列表的三种方式——串行、线程池和单个事件循环——放在一起对比。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史(&amp;H)…</translation>
    </message>
    <message>
        <source>The runs of the journal: open, continue, delete, export</source>
        <translation>日志中的运行记录：打开、继续、删除、导出</translation>
    </message>
    <message>
        <source>No journal: turn it on in Preferences.</source>
        <translation>没有日志：请在首选项中开启。</translation>
    </message>
    <message>
        <source>Restore the previous session?</source>
        <translation>恢复上次的会话？</translation>
    </message>
    <message>
        <source>Restore the previous session? %1 of %2 unfinished</source>
        <translation>恢复上次的会话？%2 个中有 %1 个未完成</translation>
    </message>
    <message>
        <source>qcrawl stopped during a run on %1. Restore brings its rows back and fetches the unfinished URLs; Discard starts empty (the run stays in History).</source>
        <translation>qcrawl 在 %1 的一次运行中停止了。“恢复”会找回其各行并抓取未完成的 URL；“丢弃”则从空白开始（该运行仍保留在历史中）。</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>Run %1 of %2: %3 of %4 unfinished</source>
        <translation>%2 的第 %1 次运行：%4 个中有 %3 个未完成</translation>
    </message>
</context>
<context>
    <name>qcrawl::ResponseDialog</name>
    <message>
        <source>Response – %1</source>
        <translation>响应 – %1</translation>
    </message>
    <message>
        <source>No response</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>Body (%1)</source>
        <translation>响应体（%1）</translation>
    </message>
    <message>
        <source>Body (hex)</source>
        <translation>响应体（十六进制）</translation>
    </message>
    <message>
        <source> – first %1 of %2</source>
        <translation> – 前 %1（共 %2）</translation>
    </message>
    <message>
        <source>Headers (%1)</source>
        <translation>响应头（%1）</translation>
    </message>
    <message>
        <source>Body (%1, guessed)</source>
        <translation>响应体（%1，推测）</translation>
    </message>
</context>
<context>
    <name>qcrawl::SessionJournal</name>
    <message>
        <source>The journal was damaged and a new one was started: %1</source>
        <translation>日志已损坏，已新建一个：%1</translation>
    </message>
    <message>
        <source>Runs are not recorded: %1</source>
        <translation>运行未被记录：%1</translation>
    </message>
    <message>
        <source>Runs are no longer recorded: %1</source>
        <translation>运行不再被记录：%1</translation>
    </message>
</context>
<context>
    <name>qcrawl::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>默认(&amp;D)</translation>
    </message>
    <message>
        <source>Use the browser-like User-Agent the tutorial sends</source>
        <translation>使用教程中发送的浏览器 User-Agent</translation>
    </message>
    <message>
        <source>One per line, for example:
Accept-Language: zh-CN
Referer: https://example.com/</source>
        <translation>每行一个，例如：
Accept-Language: zh-CN
Referer: https://example.com/</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Give up on a request after this long without any progress</source>
        <translation>请求超过此时长仍无任何进展时放弃</translation>
    </message>
    <message>
        <source>Retries on connection errors, 429 and 5xx, with exponential backoff</source>
        <translation>遇到连接错误、429 和 5xx 时重试，采用指数退避</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>At most this many requests in flight per host, to be polite</source>
        <translation>每个主机最多同时进行的请求数，避免给服务器造成过大压力</translation>
    </message>
    <message>
        <source>From the environment (http_proxy, https_proxy)</source>
        <translation>使用环境变量（http_proxy、https_proxy）</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>This proxy:</source>
        <translation>使用此代理：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Default download folder</source>
        <translation>默认下载文件夹</translation>
    </message>
    <message>
        <source>&amp;User-Agent:</source>
        <translation>User-Agent(&amp;U)：</translation>
    </message>
    <message>
        <source>Extra &amp;headers:</source>
        <translation>附加请求头(&amp;H)：</translation>
    </message>
    <message>
        <source>Stall &amp;timeout:</source>
        <translation>停滞超时(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Retries:</source>
        <translation>重试次数(&amp;R)：</translation>
    </message>
    <message>
        <source>Per-host &amp;limit:</source>
        <translation>每主机并发上限(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>代理(&amp;P)：</translation>
    </message>
    <message>
        <source>Download &amp;folder:</source>
        <translation>下载文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Takes effect the next time qcrawl starts</source>
        <translation>下次启动 qcrawl 时生效</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Re&amp;quests</source>
        <translation>请求(&amp;Q)</translation>
    </message>
    <message>
        <source>Co&amp;nnection</source>
        <translation>连接(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>常规(&amp;G)</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>HTTP/1.1 only</source>
        <translation>仅 HTTP/1.1</translation>
    </message>
    <message>
        <source>Prefer HTTP/2</source>
        <translation>优先 HTTP/2</translation>
    </message>
    <message>
        <source>Automatic: HTTP/2 for https:// when the server offers it, HTTP/1.1 otherwise.
Prefer HTTP/2 also asks plain http:// servers to upgrade.</source>
        <translation>自动：服务器支持时 https:// 使用 HTTP/2，其余使用 HTTP/1.1。
优先 HTTP/2：也请求普通 http:// 服务器升级到 HTTP/2。</translation>
    </message>
    <message>
        <source>the system&apos;s certificates</source>
        <translation>系统的证书</translation>
    </message>
    <message>
        <source>A PEM file with the certificate authorities to trust instead of the system&apos;s, for example a company&apos;s or a test server&apos;s CA</source>
        <translation>一个 PEM 文件，信任其中的证书颁发机构（CA）而不是系统的，例如公司或测试服务器的 CA</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <source>Choose a PEM file of CA certificates</source>
        <translation>选择 CA 证书的 PEM 文件</translation>
    </message>
    <message>
        <source>Trust CA certificates from</source>
        <translation>信任此文件中的 CA 证书</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Do not check certificates (&amp;unsafe)</source>
        <translation>不检查证书（不安全）(&amp;U)</translation>
    </message>
    <message>
        <source>Accept any certificate and host name on https://, like curl&apos;s --insecure: for testing only</source>
        <translation>接受 https:// 上的任何证书和主机名，如同 curl 的 --insecure：仅用于测试</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>A download whose body is larger than this fails and leaves no file</source>
        <translation>响应体大于此值的下载会失败，且不留下文件</translation>
    </message>
    <message>
        <source>Use Qt&apos;s HTTP client (to co&amp;mpare)</source>
        <translation>使用 Qt 的 HTTP 客户端（用于对比）(&amp;M)</translation>
    </message>
    <message>
        <source>Send every request through Qt&apos;s QNetworkAccessManager instead of libcurl: usually slower; to compare the two</source>
        <translation>所有请求改用 Qt 的 QNetworkAccessManager 而不是 libcurl 发送：通常更慢，用于对比两者</translation>
    </message>
    <message>
        <source>HTTP &amp;version:</source>
        <translation>HTTP 版本(&amp;V)：</translation>
    </message>
    <message>
        <source>Trust CA certificates from &amp;file:</source>
        <translation>信任此文件中的 CA 证书(&amp;F)：</translation>
    </message>
    <message>
        <source>Maximum file &amp;size:</source>
        <translation>最大文件大小(&amp;S)：</translation>
    </message>
    <message>
        <source>Cannot read the CA certificate file %1.</source>
        <translation>无法读取 CA 证书文件 %1。</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate (a block that starts with -----BEGIN CERTIFICATE-----).</source>
        <translation>%1 中没有 PEM 证书（以 -----BEGIN CERTIFICATE----- 开头的块）。</translation>
    </message>
    <message>
        <source>⚠ Anyone on the way to the server can read and change
what is fetched. Use this only for testing.</source>
        <translation>⚠ 通往服务器途中的任何人都能读取并篡改
抓取的内容。仅在测试时使用。</translation>
    </message>
    <message>
        <source>Keep a &amp;journal of runs (restore them after a crash)</source>
        <translation>保留运行日志(&amp;J)（崩溃后可恢复）</translation>
    </message>
    <message>
        <source>Records every run and its results, so that the table comes back at the next start and an interrupted run can be continued</source>
        <translation>记录每次运行及其结果，下次启动时结果表会恢复，中断的运行可以继续</translation>
    </message>
    <message>
        <source>V&amp;ideos</source>
        <translation>视频(&amp;I)</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>Worst (smallest)</source>
        <translation>最差（最小）</translation>
    </message>
    <message>
        <source>Which stream of an HLS master playlist to save: the best, the worst, a height such as 720p (else the best below it) or a bandwidth in bit/s such as 800000</source>
        <translation>保存 HLS 主播放列表中的哪一路流：最佳、最差、某个高度如 720p（没有则取其下最佳的一路）或以 bit/s 计的带宽如 800000</translation>
    </message>
    <message>
        <source>Segments of one video fetched at a time</source>
        <translation>同一视频同时下载的分段数</translation>
    </message>
    <message>
        <source>Keep MPEG-TS videos as .&amp;ts (do not remux to MP4)</source>
        <translation>MPEG-TS 视频保留为 .ts(&amp;T)（不转封装为 MP4）</translation>
    </message>
    <message>
        <source>ffmpeg is not installed: HLS videos are saved as .ts, and a separate audio track beside the video. Install ffmpeg to get one MP4 (the streams are copied, never re-encoded).</source>
        <translation>未安装 ffmpeg：HLS 视频保存为 .ts，单独的音轨保存在视频旁边。安装 ffmpeg 即可得到单个 MP4（直接复制流，绝不重新编码）。</translation>
    </message>
    <message>
        <source>ffmpeg found (%1): MPEG-TS is remuxed to MP4 and a separate audio track muxed in, streams copied, never re-encoded.</source>
        <translation>已找到 ffmpeg（%1）：MPEG-TS 转封装为 MP4，并混入单独的音轨；直接复制流，绝不重新编码。</translation>
    </message>
    <message>
        <source>HLS &amp;variant:</source>
        <translation>HLS 码流(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Segments at a time:</source>
        <translation>同时下载分段数(&amp;S)：</translation>
    </message>
    <message>
        <source>The HLS variant &quot;%1&quot; is none of best, worst, a height such as 720p or a bandwidth such as 800000.</source>
        <translation>HLS 码流“%1”不是 best、worst、高度（如 720p）或带宽（如 800000）中的任何一种。</translation>
    </message>
</context>
<context>
    <name>qcrawl::TimelineWidget</name>
    <message>
        <source>Run a comparison to see every request on a time line.</source>
        <translation>运行一次对比，即可在时间线上查看每个请求。</translation>
    </message>
    <message>
        <source>%1 · %2 req/s
%3 of %4 ok</source>
        <translation>%1 · %2 请求/秒
成功 %3/%4</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>qcrawl::UrlEditor</name>
    <message>
        <source>Paste URLs here, one per line or separated by spaces.
Lines starting with # are comments. Bare hosts such as www.example.com are fetched over http.
You can also drop links or text files here.</source>
        <translation>在此粘贴网址，每行一个或以空格分隔。
以 # 开头的行是注释。www.example.com 这类不带协议的主机名将通过 http 抓取。
也可以将链接或文本文件拖放到这里。</translation>
    </message>
    <message>
        <source>%1 is larger than 64 MiB; is it really a list of URLs?</source>
        <translation>%1 大于 64 MiB，它真的是网址列表吗？</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
</TS>
