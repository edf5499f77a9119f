#include "demovideosite.h"

#include "demo/demopattern.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

constexpr qint64 MinRate = 1024; // bytes per second
constexpr qint64 MaxRate = qint64(1) << 32;
constexpr qint64 MaxPageDelayMs = 60'000;

qint64 sizeFor(int id)
{
    return 150'000 + (id % 10) * 40'009;
}

std::optional<int> parseId(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 6)
        return std::nullopt;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    return text.toInt();
}

// "<digits>.mp4" -> id
std::optional<int> mediaId(const QByteArray &name)
{
    if (!name.endsWith(".mp4"))
        return std::nullopt;
    return parseId(name.chopped(4));
}

// A number from the query ("name=N"), within [min, max]; nullopt when absent or out of range.
std::optional<qint64> queryNumber(const QByteArray &query, const QByteArray &name, qint64 min,
                                  qint64 max)
{
    const QByteArray prefix = name + '=';
    for (const QByteArray &item : query.split('&')) {
        if (!item.startsWith(prefix))
            continue;
        bool ok = false;
        const qint64 value = item.mid(prefix.size()).toLongLong(&ok);
        if (!ok || value < min || value > max)
            return std::nullopt;
        return value;
    }
    return std::nullopt;
}

// "rate=N" (media bytes per second) and "page_delay=MS" (detail pages answer after MS) from
// the query, as "?rate=N&page_delay=MS" to append to the links of a page; empty when absent.
QByteArray rateQuery(const QByteArray &query, qint64 *rate = nullptr, qint64 *pageDelay = nullptr)
{
    QList<QByteArray> kept;
    if (const auto value = queryNumber(query, "rate", MinRate, MaxRate)) {
        if (rate)
            *rate = *value;
        kept.append("rate=" + QByteArray::number(*value));
    }
    if (const auto value = queryNumber(query, "page_delay", 0, MaxPageDelayMs)) {
        if (pageDelay)
            *pageDelay = *value;
        kept.append("page_delay=" + QByteArray::number(*value));
    }
    return kept.isEmpty() ? QByteArray() : '?' + kept.join('&');
}

// A Host header goes into the pages: accept host names, IPv4, [IPv6] and a port, nothing else.
QByteArray safeHost(const QByteArray &host)
{
    const bool ok = !host.isEmpty() && host.size() <= 255
            && std::all_of(host.cbegin(), host.cend(), [](char c) {
                   return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                           || c == '.' || c == ':' || c == '-' || c == '[' || c == ']';
               });
    return ok ? host : QByteArrayLiteral("127.0.0.1");
}

// One <li> as pearvideo writes them; author is the link text of the author (in the page's
// encoding).
QByteArray listItem(const DemoVideoSite::Video &video, const QByteArray &rate,
                    const QByteArray &author, bool closeLi = true)
{
    const QByteArray id = QByteArray::number(video.id);
    return "<li class=\"categoryem\"><div class=\"vervideo-bd\"><a href=\"video_" + id + rate
            + "\" class=\"vervideo-lilink actplay\"><div class=\"vervideo-img\"><div "
              "class=\"verimg-view\"><div class=\"img\"></div></div><div "
              "class=\"cm-duration\">01:0"
            + id.right(1) + "</div></div><div class=\"vervideo-title\">" + video.titleHtml
            + "</div></a><div class=\"actcont-auto\"><a href=\"/author_1" + id.right(2)
            + "\" class=\"column\">" + author + "</a></div></div>" + (closeLi ? "</li>\n" : "\n");
}

} // namespace

const QList<DemoVideoSite::Video> &DemoVideoSite::catalogue()
{
    static const QList<Video> videos = [] {
        const QString longTitle = u"超长标题测试"_s.repeated(17).left(100); // 300 bytes of UTF-8
        QList<Video> list = {
            { 1001, u"城市夜景延时摄影：上海外滩的 24 小时"_s,
              QByteArrayLiteral("城市夜景延时摄影：上海外滩的 24 小时"), Delivery::Plain, 0 },
            { 1002, u"Tom & Jerry — the \"chase\" <HD>"_s,
              QByteArrayLiteral("\n            Tom &amp; Jerry &#8212; the &quot;chase&quot; "
                                "&lt;HD&gt;\n        "),
              Delivery::Plain, 0 },
            { 1003, u"../../x"_s, QByteArrayLiteral("../../x"), Delivery::Plain, 0 },
            { 1004, u"a/b"_s, QByteArrayLiteral("a/b"), Delivery::Plain, 0 },
            { 1005, u"CON"_s, QByteArrayLiteral("CON"), Delivery::Plain, 0 },
            { 1006, longTitle, longTitle.toUtf8(), Delivery::Plain, 0 },
            { 1007, u"重复的标题"_s, QByteArrayLiteral("重复的标题"), Delivery::Plain, 0 },
            { 1008, u"重复的标题"_s, QByteArrayLiteral(" 重复的标题 "), Delivery::Plain, 0 },
            { 1009, u"已被删除的视频 (404)"_s, QByteArrayLiteral("已被删除的视频 (404)"),
              Delivery::Missing, 0 },
            { 1010, u"没有视频的页面"_s, QByteArrayLiteral("没有视频的页面"), Delivery::NoVideo,
              0 },
            { 1011, u"分块传输的视频 (chunked)"_s, QByteArrayLiteral("分块传输的视频 (chunked)"),
              Delivery::Chunked, 0 },
            { 1012, u"CDN 跳转的视频"_s, QByteArrayLiteral("CDN 跳转的视频"), Delivery::Redirected,
              0 },
            { 1013, u"协议相对地址的视频"_s, QByteArrayLiteral("协议相对地址的视频"),
              Delivery::ProtocolRelative, 0 },
            { 1014, u"“镕”字只在 GBK 里"_s, QByteArrayLiteral("“镕”字只在 GBK 里"), Delivery::Plain,
              0 },
            { 1015, u"断点续传：连接中途断开"_s, QByteArrayLiteral("断点续传：连接中途断开"),
              Delivery::DropsOnce, 0 },
            { 1016, u"HLS 直播回放：分段视频"_s, QByteArrayLiteral("HLS 直播回放：分段视频"),
              Delivery::Hls, 0 },
        };
        for (Video &video : list) {
            if (video.delivery != Delivery::Missing && video.delivery != Delivery::NoVideo
                && video.delivery != Delivery::Hls)
                video.size = sizeFor(video.id);
        }
        return list;
    }();
    return videos;
}

std::optional<DemoVideoSite::Video> DemoVideoSite::video(int id)
{
    for (const Video &video : catalogue()) {
        if (video.id == id)
            return video;
    }
    return std::nullopt;
}

qint64 DemoVideoSite::mediaOffset(int id)
{
    return qint64(id) * 7919;
}

QByteArray DemoVideoSite::mediaBytes(int id)
{
    const std::optional<Video> found = video(id);
    return found ? DemoPattern::bytes(mediaOffset(id), found->size) : QByteArray();
}

QByteArray DemoVideoSite::otherHostName(const QByteArray &host)
{
    if (host.startsWith("127.0.0.1"))
        return "localhost" + host.mid(9);
    if (host.startsWith("localhost"))
        return "127.0.0.1" + host.mid(9);
    return host;
}

DemoVideoSite::Answer DemoVideoSite::answer(const QByteArray &path, const QByteArray &query,
                                            const QByteArray &hostHeader)
{
    const QByteArray host = safeHost(hostHeader);
    qint64 rate = 0;
    qint64 pageDelay = 0;
    const QByteArray rateSuffix = rateQuery(query, &rate, &pageDelay);
    Answer answer;
    auto page = [&answer](const QByteArray &contentType, const QByteArray &body) {
        answer.kind = Answer::Kind::Page;
        answer.contentType = contentType;
        answer.body = body;
    };
    const QByteArray html = QByteArrayLiteral("text/html; charset=utf-8");

    if (path == "/videos" || path == "/videos/") {
        answer.kind = Answer::Kind::Redirect;
        answer.location = "/videos/category_5" + rateSuffix;
    } else if (path == "/videos/category_5") {
        page(html, listPage(rateSuffix));
    } else if (path == "/videos/category_gbk") {
        page(QByteArrayLiteral("text/html; charset=GBK"), gbkListPage(false, rateSuffix));
    } else if (path == "/videos/category_gb2312") {
        page(QByteArrayLiteral("text/html"), gbkListPage(true, rateSuffix));
    } else if (path.startsWith("/videos/video_")) {
        const std::optional<int> id = parseId(path.mid(14));
        const std::optional<Video> found = id ? video(*id) : std::nullopt;
        if (found) {
            page(html, detailPage(*found, host, rateSuffix));
            answer.delayMs = pageDelay;
        }
    } else if (path.startsWith("/videos/play/")) {
        // A media URL that names no type, as "play.php?id=" ones do: only Content-Type tells.
        const std::optional<int> id = parseId(path.mid(13));
        const std::optional<Video> found = id ? video(*id) : std::nullopt;
        if (found && found->size > 0) {
            answer.kind = Answer::Kind::Media;
            answer.contentType = QByteArrayLiteral("video/webm");
            answer.offset = mediaOffset(found->id);
            answer.size = found->size;
            answer.bytesPerSecond = rate;
        }
    } else {
        // media: /videos/<kind>/<id>.mp4
        const QList<QByteArray> parts = path.mid(8).split('/');
        const std::optional<int> id = parts.size() == 2 ? mediaId(parts.at(1)) : std::nullopt;
        const std::optional<Video> found = id ? video(*id) : std::nullopt;
        if (found && found->size > 0) {
            const QByteArray &kind = parts.at(0);
            answer.offset = mediaOffset(found->id);
            answer.size = found->size;
            answer.bytesPerSecond = rate;
            if (kind == "media")
                answer.kind = Answer::Kind::Media;
            else if (kind == "stream")
                answer.kind = Answer::Kind::ChunkedMedia;
            else if (kind == "flaky")
                answer.kind = Answer::Kind::MediaCutOnce;
            else if (kind == "cdn") {
                answer.kind = Answer::Kind::Redirect;
                answer.location = "http://" + otherHostName(host) + "/videos/media/"
                        + QByteArray::number(found->id) + ".mp4" + rateSuffix;
            }
        }
    }
    return answer;
}

QByteArray DemoVideoSite::listPage(const QByteArray &rate)
{
    // Shaped like pearvideo.com/category_5, including its sloppiness: an item without </li>,
    // an unescaped "&" and an advertisement among the videos.
    QByteArray page = QByteArrayLiteral(R"html(<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>社会 - 梨视频 (qcrawl 演示 & 离线)</title>
</head>
<body>
<div class="head"><a href="/videos/category_5" class="logo">梨视频</a></div>
<div class="category-top"><h2 class="category-name">社会</h2><p>离线演示站点：所有视频都是确定的字节，方便校验。
</div>
<div class="category-list" id="categoryList">
<ul id="listvideoListUl" class="category-list clearfix">
)html");
    const QList<Video> &videos = catalogue();
    for (qsizetype i = 0; i < videos.size(); ++i) {
        page += listItem(videos.at(i), rate, QByteArrayLiteral("演示作者"), i != 3);
        if (i == 6) {
            page += "<li class=\"categoryem ad\"><div class=\"vervideo-bd\"><div "
                    "class=\"ad-banner\"><span>广告：下载梨视频 App</span></div></div></li>\n";
        }
    }
    page += R"html(</ul>
<div class="more"><a href="javascript:void(0)" class="list-more">加载更多</a></div>
</div>
</body>
</html>
)html";
    return page;
}

QByteArray DemoVideoSite::gbkListPage(bool metaOnly, const QByteArray &rate)
{
    // GBK bytes written out, so that the page does not depend on the codecs of the build.
    // "镕" is E9 46: its second byte is an ASCII "F", and it is not in GB2312.
    static const QByteArray title1001 = QByteArrayLiteral(
            "\xb3\xc7\xca\xd0\xd2\xb9\xbe\xb0\xd1\xd3\xca\xb1\xc9\xe3\xd3\xb0\xa3\xba\xc9\xcf\xba"
            "\xa3\xcd\xe2\xcc\xb2\xb5\xc4 24 \xd0\xa1\xca\xb1");
    static const QByteArray title1014 = QByteArrayLiteral("\xa1\xb0\xe9"
                                                          "F"
                                                          "\xa1\xb1\xd7\xd6\xd6\xbb\xd4\xda GBK "
                                                          "\xc0\xef");
    static const QByteArray society = QByteArrayLiteral("\xc9\xe7\xbb\xe1");
    static const QByteArray author = QByteArrayLiteral("\xd1\xdd\xca\xbe\xd7\xf7\xd5\xdf");

    QByteArray page = "<!DOCTYPE html>\n<html>\n<head>\n";
    if (metaOnly)
        page += "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\n";
    page += "<title>" + society + " (GBK)</title>\n</head>\n<body>\n<h2>" + society
            + "</h2>\n<ul id=\"listvideoListUl\">\n";
    for (const auto &[id, title] :
         { std::pair { 1001, title1001 }, std::pair { 1014, title1014 } }) {
        Video video = *DemoVideoSite::video(id);
        video.titleHtml = title;
        page += listItem(video, rate, author);
    }
    page += "</ul>\n</body>\n</html>\n";
    return page;
}

QByteArray DemoVideoSite::detailPage(const Video &video, const QByteArray &host,
                                     const QByteArray &rate)
{
    const QByteArray id = QByteArray::number(video.id);
    const QByteArray file = id + ".mp4" + rate;
    QByteArray media;
    switch (video.delivery) {
    case Delivery::Plain:
    case Delivery::Missing:
        media = "http://" + host + "/videos/media/" + file;
        break;
    case Delivery::ProtocolRelative:
        media = "//" + host + "/videos/media/" + file;
        break;
    case Delivery::Chunked:
        media = "http://" + host + "/videos/stream/" + file;
        break;
    case Delivery::Redirected:
        media = "http://" + host + "/videos/cdn/" + file;
        break;
    case Delivery::DropsOnce:
        media = "http://" + host + "/videos/flaky/" + file;
        break;
    case Delivery::Hls:
        media = "http://" + host + "/hls/master.m3u8" + rate;
        break;
    case Delivery::NoVideo:
        break;
    }

    QByteArray escapedTitle = video.title.toUtf8();
    escapedTitle.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    QByteArray page = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<title>"
            + escapedTitle + "_梨视频官网 (qcrawl 演示)</title>\n</head>\n<body>\n"
            + "<div class=\"details-main\">\n<h1 class=\"video-tt\">" + escapedTitle + "</h1>\n";
    if (media.isEmpty()) {
        page += "<div class=\"video-offline\"><p>该视频已下架</p></div>\n"
                "<script type=\"text/javascript\">\nvar contId=\""
                + id
                + "\",liveStatusUrl=\"liveStatus.jsp\",liveSta=\"\",playSta=\"0\";\n</script>\n";
    } else {
        page += "<div id=\"JprismPlayer\" class=\"prism-player\"><video class=\"demo-player\" "
                "src=\""
                + media + "\" preload=\"none\"></video></div>\n"
                + "<script type=\"text/javascript\">\nvar contId=\"" + id
                + "\",liveStatusUrl=\"liveStatus.jsp\",liveSta=\"\",playSta=\"1\",autoPlay=!1,"
                  "isLiving=!1,isVrVideo=!1,hdflvUrl=\"\",sdflvUrl=\"\",hdUrl=\"\",sdUrl=\"\","
                  "ldUrl=\"\",srcUrl=\""
                + media
                + "\",vdoUrl=srcUrl,skinRes=\"//www.pearvideo.com/domain/skin\","
                  "videoCDN=\"//video.pearvideo.com\";\n</script>\n";
    }
    page += "<div class=\"summary\">梨视频 qcrawl 离线演示。</div>\n</div>\n</body>\n</html>\n";
    return page;
}

} // namespace qcrawl
