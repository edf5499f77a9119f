#!/usr/bin/env python3
"""Writes the saved pages of the extraction tests (tst_htmldocument, tst_harvestextractor).

The bytes matter (GBK, a byte order mark, Latin-1), so the pages are generated rather than typed.
Run from this folder: python3 generate.py
"""


def w(name, data):
    with open(name, 'wb') as f:
        f.write(data)


def list_page(titles, head, title='list'):
    items = ''.join('<li><div><a href="video_%d"><div></div><div>%s</div></a></div></li>\n'
                    % (i + 1, t) for i, t in enumerate(titles))
    return ('<html><head>%s<title>%s</title></head><body><ul id="listvideoListUl">\n%s</ul>'
            '</body></html>\n' % (head, title, items))


# Unquoted attributes, unclosed <li>, <b>, <p>, <span> and <ul>, a stray </span>, a bare "&".
broken = '''<html><head><title>Broken list</TITLE>
<body>
<div class=nav><a href=/>home</a></div>
<ul id="listvideoListUl" class=list>
<li class="categoryem"><div class="vervideo-bd"><a href=video_1 class=vervideo-lilink><div class="vervideo-img"><img src=x.jpg></div><div class="vervideo-title">First <b>video</div></a></div>
<li><div><a href='video_2'><div></div><div>Second</div></a></div></li></span>
<li><p>stray paragraph<div><a href="video_3"><div><span>unclosed</div><div>Third</div></a></div>
<li><div><span>an ad, no link</span></div></li>
</ul
<p>after the list & before the end
'''
w('broken.html', broken.encode('utf-8'))

gbk_titles = ['城市夜景延时摄影', '“镕”字只在 GBK 里', '社会新闻：第三条']
w('gbk-meta-charset.html', list_page(gbk_titles, '<meta charset="gbk">', '列表').encode('gbk'))
w('gbk-no-declaration.html', list_page(gbk_titles, '', '列表').encode('gbk'))
w('gb2312-http-equiv.html',
  list_page(gbk_titles, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            '列表').encode('gbk'))
# Says utf-8 but is GBK: only the HTTP header (which wins over <meta>) reads it right.
w('gbk-wrong-meta.html', list_page(gbk_titles, '<meta charset="utf-8">', '列表').encode('gbk'))
# A byte order mark wins over everything.
w('utf8-bom.html', b'\xef\xbb\xbf' + list_page(['带 BOM 的页面'], '<meta charset="gbk">').encode('utf-8'))
w('latin1-no-declaration.html', list_page(['Café crème', 'Über'], '').encode('latin-1'))

entities = '''<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Tom &amp; Jerry</title></head><body>
<ul id="listvideoListUl">
<li><div><a href="video_1"><div></div><div>Tom &amp; Jerry &lt;HD&gt; &quot;chase&quot;</div></a></div></li>
<li><div><a href="video_2"><div></div><div>&#20013;&#x6587; &mdash; &copy; 2020 &hellip;</div></a></div></li>
<li><div><a href="video_3"><div></div><div>
        &nbsp; spaced
        out title&nbsp;
</div></a></div></li>
<li><div><a href="video_4"><div></div><div>AT&T unescaped & bare</div></a></div></li>
</ul>
</body></html>
'''
w('entities.html', entities.encode('utf-8'))

relative = '''<html><head><meta charset="utf-8"></head><body>
<ul id="listvideoListUl">
<li><div><a href="video_1"><div></div><div>same folder</div></a></div></li>
<li><div><a href="../up/video_2"><div></div><div>parent folder</div></a></div></li>
<li><div><a href="/root/video_3"><div></div><div>site root</div></a></div></li>
<li><div><a href="//cdn.example.com/video_4"><div></div><div>protocol relative</div></a></div></li>
<li><div><a href="https://other.example/video_5"><div></div><div>absolute</div></a></div></li>
<li><div><a href="  video 6.html?x=1&amp;y=2  "><div></div><div>spaces and entities</div></a></div></li>
<li><div><a href="视频_7"><div></div><div>Chinese path</div></a></div></li>
<li><div><a href="?page=8"><div></div><div>query only</div></a></div></li>
<li><div><a href="javascript:void(0)"><div></div><div>not a page</div></a></div></li>
</ul></body></html>
'''
w('relative-links.html', relative.encode('utf-8'))
w('base-href.html',
  b'<html><head><base href="https://mirror.example/videos/"></head><body>'
  b'<ul id="listvideoListUl"><li><div><a href="video_1"><div></div><div>with base</div></a>'
  b'</div></li></ul></body></html>\n')

detail = '''<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>详情</title></head><body>
<div id="JprismPlayer"><video src="https://video.example.com/mp4/adshort/20200818/cont-1693379-15340245_adpkg-ad_hd.mp4"></video></div>
<a class="share" href="javascript:void(0)">share</a>
<script type="text/javascript">
var contId="1693379",liveStatusUrl="liveStatus.jsp",liveSta="",playSta="1",autoPlay=!1,isLiving=!1,isVrVideo=!1,hdflvUrl="",sdflvUrl="",hdUrl="",sdUrl="",ldUrl="",srcUrl="https://video.example.com/mp4/adshort/20200818/cont-1693379-15340245_adpkg-ad_hd.mp4",vdoUrl=srcUrl,skinRes="//www.pearvideo.com/domain/skin",videoCDN="//video.pearvideo.com";
</script>
</body></html>
'''
w('detail.html', detail.encode('utf-8'))
w('detail-escaped.html',
  b'<html><body><script>var a={},srcUrl="https:\\/\\/video.example.com\\/mp4\\/1.mp4?a=1&amp;b=2",'
  b'vdoUrl=srcUrl;</script></body></html>\n')
w('detail-relative.html',
  b'<html><body><script>var srcUrl="/media/2.mp4",vdoUrl=srcUrl;</script></body></html>\n')
w('detail-no-video.html',
  '<html><body><p>该视频已下架</p><script>var contId="1",playSta="0";</script></body></html>\n'
  .encode('utf-8'))
w('detail-gbk.html',
  '<html><head><meta charset="gbk"></head><body><h1>“镕”</h1><script>'
  'var srcUrl="https://video.example.com/镕.mp4",vdoUrl=srcUrl;</script></body></html>\n'
  .encode('gbk'))
