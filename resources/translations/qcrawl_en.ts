<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>EngineText</name>
    <message>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection closed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host not found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stalled: no data for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many redirects (more than %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused a redirect from HTTPS to HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redirect to an unsupported URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete body: %1 of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no media URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate of %1 is not trusted (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate of %1 is for another host name (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server resumed at the wrong offset (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot rename %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the page is larger than %1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the detail page: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slower than %1 bytes/s for %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took longer than %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not send the byte range %1 (it answered %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a usable HLS playlist: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a live HLS stream (no EXT-X-ENDLIST): recording live streams is not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRM-protected HLS stream (METHOD=%1, %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the HLS key %1 is %2 bytes, not 16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>segment %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HarvestDialog</name>
    <message>
        <source>Harvest videos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready-made recipes, and the ones you saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as preset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep these expressions under a name of your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the selected preset of your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;List page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://www.pearvideo.com/category_5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;oad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the list page and preview the items it matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the &amp;demo site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in demo server&apos;s offline video site, shaped like the tutorial&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Items (XPath):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lin&amp;k (XPath in an item):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title (XPath in an item):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to find the video on a detail page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an item to see the media URL its detail page gives.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>qcrawl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;URLs&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New here? The built-in demo server shows why async wins — no internet needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No URLs yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Results&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter URL, type or error (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only rows in this state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Videos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch every URL in the list (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the run; partial files are removed (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the URL list and the results (Ctrl+Shift+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the results table (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import URLs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the URLs of a text file to the list (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the results as CSV or JSON (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit qcrawl (Ctrl+Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Async (one event loop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Many requests in flight on one thread (Ctrl+1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Thread pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N worker threads, each fetching one URL at a time (Ctrl+2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One URL after another (Ctrl+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare modes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the list through serial, thread pool and async and compare their timelines (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Harvest videos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read a list page with XPath, open each detail page, find its video (Ctrl+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save videos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the selected (or all) harvested videos into a folder (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers, User-Agent, timeout, retries, proxy, per-host limit, folder (Ctrl+,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the built-in demo server and fill the list with the tutorial&apos;s experiment (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About qcrawl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version and credits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qcrawl::CompareDialog</name>
    <message>
        <source>Compare serial, thread pool and async</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running %1: %2 of %3 done…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>req/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK / failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the timeline as an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every request&apos;s start and end time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same list of %1 URLs, one mode after another. Every bar is one request, from the moment it was sent to the moment its last byte arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serial · 1 thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pool · threads: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>async · %1 in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. Serial waits for each request in turn; the pool waits for as many as it has threads (%1) at a time; async waits for all of them at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export request times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qcrawl::FetchRun</name>
    <message>
        <source>ok %1, failed %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, canceled %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 requests in %3 · %4 req/s · %5 MB/s · %6</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qcrawl::HarvestDialog</name>
    <message>
        <source>Media (regex, group 1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media (XPath):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Harvest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read every detail page and list the videos in the main window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 items on the list page; reading their detail pages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading detail pages: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harvest failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the list page to preview what the expressions match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server could not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address of a list page (http or https).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the list page: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media URL: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;No media URL: %1&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 items match; %2 of them have no link (see why in the list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 items match. Select one to see its media URL, or press Harvest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the list page…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qcrawl::HistoryDialog</name>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the run&apos;s rows in the results table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the run&apos;s rows and fetch its unfinished URLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) from the history? Saved files stay.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qcrawl::JobModel</name>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
redirected to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
detail page: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP</source>
        <comment>column: HTTP status code</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status code of the response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP version of the response: 1.1 or 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <comment>column: HTTP version of the response</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qcrawl::MainWindow</name>
    <message>
        <source>Async</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to fetch: one event loop, a pool of blocking threads, or one after another (Ctrl+1/2/3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in flight: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Async: how many requests are in flight at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threads: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread pool: how many worker threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Mode: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URLs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicates fetched once: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste some URLs first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the lines is a URL: see the marks in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching %1 URLs in %2 mode…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping; partial files stay and resume next time…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 of %2 videos (%3) in %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 URLs fetched in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qcrawl: run finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done %1 · failed %2 · running %3 · queued %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3 req/s · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open in browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save body as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1 to %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save body as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import URLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt *.csv *.list);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language takes effect the next time qcrawl starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the demo server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source># The tutorial&apos;s experiment: 20 pages that each take one second to answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source># Serial needs 20 s, a pool of 4 threads 5 s, async about 1 s. Try Compare (Ctrl+M).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source># A few of each demo endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo server at %1 – press Fetch (Ctrl+Return) or Compare (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 videos found (%2 items without one). Save videos (Ctrl+Shift+S) downloads them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving %1 videos to %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save videos to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About qcrawl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;qcrawl %1&lt;/h3&gt;&lt;p&gt;Paste URLs, fetch them fast, watch every download.&lt;/p&gt;&lt;p&gt;Three ways to fetch a list — serial, a thread pool and one event loop — side by side, after the tutorial &quot;高性能异步爬虫&quot;.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs of the journal: open, continue, delete, export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No journal: turn it on in Preferences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the previous session?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the previous session? %1 of %2 unfinished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qcrawl stopped during a run on %1. Restore brings its rows back and fetches the unfinished URLs; Discard starts empty (the run stays in History).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 of %2: %3 of %4 unfinished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qcrawl::ResponseDialog</name>
    <message>
        <source>Response – %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body (hex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> – first %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body (%1, guessed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qcrawl::SessionJournal</name>
    <message>
        <source>The journal was damaged and a new one was started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs are not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs are no longer recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qcrawl::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the browser-like User-Agent the tutorial sends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line, for example:
Accept-Language: zh-CN
Referer: https://example.com/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up on a request after this long without any progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries on connection errors, 429 and 5xx, with exponential backoff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most this many requests in flight per host, to be polite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the environment (http_proxy, https_proxy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default download folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User-Agent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra &amp;headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stall &amp;timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-host &amp;limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes effect the next time qcrawl starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;quests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;nnection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP/1.1 only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefer HTTP/2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic: HTTP/2 for https:// when the server offers it, HTTP/1.1 otherwise.
Prefer HTTP/2 also asks plain http:// servers to upgrade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system&apos;s certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PEM file with the certificate authorities to trust instead of the system&apos;s, for example a company&apos;s or a test server&apos;s CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a PEM file of CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust CA certificates from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not check certificates (&amp;unsafe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept any certificate and host name on https://, like curl&apos;s --insecure: for testing only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A download whose body is larger than this fails and leaves no file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Qt&apos;s HTTP client (to co&amp;mpare)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send every request through Qt&apos;s QNetworkAccessManager instead of libcurl: usually slower; to compare the two</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP &amp;version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust CA certificates from &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum file &amp;size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the CA certificate file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate (a block that starts with -----BEGIN CERTIFICATE-----).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Anyone on the way to the server can read and change
what is fetched. Use this only for testing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep a &amp;journal of runs (restore them after a crash)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records every run and its results, so that the table comes back at the next start and an interrupted run can be continued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worst (smallest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which stream of an HLS master playlist to save: the best, the worst, a height such as 720p (else the best below it) or a bandwidth in bit/s such as 800000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segments of one video fetched at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep MPEG-TS videos as .&amp;ts (do not remux to MP4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ffmpeg is not installed: HLS videos are saved as .ts, and a separate audio track beside the video. Install ffmpeg to get one MP4 (the streams are copied, never re-encoded).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ffmpeg found (%1): MPEG-TS is remuxed to MP4 and a separate audio track muxed in, streams copied, never re-encoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HLS &amp;variant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Segments at a time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The HLS variant &quot;%1&quot; is none of best, worst, a height such as 720p or a bandwidth such as 800000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V&amp;ideos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qcrawl::TimelineWidget</name>
    <message>
        <source>Run a comparison to see every request on a time line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 req/s
%3 of %4 ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qcrawl::UrlEditor</name>
    <message>
        <source>Paste URLs here, one per line or separated by spaces.
Lines starting with # are comments. Bare hosts such as www.example.com are fetched over http.
You can also drop links or text files here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than 64 MiB; is it really a list of URLs?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
