"""The words that mark the parts of a press release, kept apart from the logic that uses them.

All patterns run on *normalised* text (``factcheck.normalize``): NFKC has turned full-width
punctuation into ASCII (``，`` -> ``,``, ``（`` -> ``(``, ``：`` -> ``:``) and OpenCC t2s has turned
Traditional characters into Simplified, so ``關於``/``关于`` and ``傳媒查詢``/``传媒查询`` are written
once, in Simplified. Each pattern matches a whole line (``^...$`` with ``re.MULTILINE``) and is
length-limited, so a body paragraph that merely starts with the word is not taken for a marker.
"""

from __future__ import annotations

import re

_SP = r"[ \t\xa0]*"

# Lines before the headline: the letterhead of a release or the top of a scraped page.
PREAMBLE = re.compile(
    rf"^{_SP}(?:新闻稿|新闻公报|新闻发布|新闻发布稿|新闻通稿|即时发布|即时发放|即时发佈|即日发布|供即时发布|"
    r"press\s+release|news\s+release|media\s+release|for\s+immediate\s+release|immediate\s+release|"
    r"跳至主要内容|跳到主要内容|跳至内容|skip\s+to\s+(?:main\s+)?content|skip\s+navigation|"
    r"首页|主页|home|menu|选单|菜单|搜寻|搜索|search|print|打印|列印|english|繁体|简体|繁|简)"
    rf"[ \t\xa0:|/>»›-]*$",
    re.MULTILINE | re.IGNORECASE,
)

# The end of the body: photo captions and notes to editors follow.
CAPTION = re.compile(
    rf"^{_SP}(?:###|#{_SP}#{_SP}#|[-–—~*]+{_SP}(?:ends?|完|全文完){_SP}[-–—~*]+|\((?:完|全文完|ends?)\)|"
    r"[-–—]*\s*(?:photo\s+captions?|captions?|图片说明|相片说明|图片|相片)\s*[-–—:]*|"
    # The Hong Kong Government's "Ends/Friday, August 19, 2022" (the release date follows).
    rf"(?P<ends>ends?{_SP}/[^\n]{{0,60}}))"
    rf"{_SP}$",
    re.MULTILINE | re.IGNORECASE,
)

# A media-contacts block.
CONTACTS = re.compile(
    rf"^{_SP}(?:[*_]*)(?:传媒查询|传媒垂询|媒体查询|媒体垂询|传媒联络|媒体联络|新闻联络|新闻查询|传媒联系|媒体联系|"
    r"传媒及公众查询|(?:查询|联络人|联系人|enquiries|inquiries)[ \t]*:|"
    r"(?:for\s+)?(?:media|press|news)\s+(?:enquiries|inquiries|contacts?|queries)|"
    r"(?:for\s+)?(?:further|more)\s+(?:information|details)\s*(?:,\s*)?(?:please\s+contact)|media\s+contacts?)"
    r"[^\n]{0,60}$",
    re.MULTILINE | re.IGNORECASE,
)

# "关于X" / "About X" on a line of its own: the issuer's standard paragraph (X is the group).
ABOUT = re.compile(
    rf"^{_SP}(?:[*_#]*{_SP})(?:关于|有关)(?P<zh>[^\n,。;:!?]{{1,30}}?){_SP}[*_]*[:]?{_SP}$"
    rf"|^{_SP}(?:[*_#]*{_SP})about{_SP}(?P<en>(?:the\s+)?[A-Z0-9][^\n.;!?]{{0,80}}?){_SP}[*_]*[:]?{_SP}$",
    re.MULTILINE | re.IGNORECASE,
)

# Page furniture after an article: related and popular posts, sharing, comments.
CHROME = re.compile(
    rf"^{_SP}(?:此网志的热门文章|热门文章|相关文章|相关新闻|相关内容|延伸阅读|其他新闻|最新消息|更多新闻|"
    r"popular\s+posts(?:\s+from\s+this\s+blog)?|related\s+(?:posts|articles|news|stories)|"
    r"you\s+(?:may|might)\s+also\s+like|more\s+(?:news|stories)|read\s+more|share\s+this(?:\s+(?:post|article))?|"
    r"分享|分享此文|留言|发表留言|comments?|leave\s+a\s+(?:comment|reply)|labels?|标签|"
    r"back\s+to\s+top|返回页首|返回顶部|上一篇|下一篇|previous\s+post|next\s+post|newer\s+post|older\s+post)"
    rf"[ \t\xa0:]*$",
    re.MULTILINE | re.IGNORECASE,
)

# Sentence-final punctuation: a line ending in one is a paragraph, not a headline.
SENTENCE_END = re.compile(r"[。!?;…][」』\"'”’)\]]*$|(?<![A-Z])\.[\"'”’)\]]*$")

# E-mail addresses in a contacts block; the domains of personal mail say nothing of the issuer.
# (The local part is ASCII and starts where its run starts, so a long run of CJK text, which
# ``\w`` would match, is never re-scanned from every position.)
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
PERSONAL_MAIL = frozenset(
    "gmail yahoo hotmail outlook live icloud me qq 163 126 sina sohu yeah netvigator "
    "biznetvigator hkbn protonmail aol msn".split()
)
# Public suffixes under which the label before them names the organisation.
PUBLIC_SUFFIXES = (
    ".com.hk", ".org.hk", ".gov.hk", ".edu.hk", ".net.hk", ".idv.hk", ".com.cn", ".org.cn",
    ".gov.cn", ".edu.cn", ".net.cn", ".com.mo", ".gov.mo", ".com.tw", ".org.tw", ".gov.tw",
    ".co.uk", ".org.uk", ".ac.uk", ".com.sg", ".gov.sg", ".com.au",
)

# Words that end a Chinese organisation's name; used to accept the subject of a dateline.
ORG_SUFFIX_ZH = re.compile(
    r"(?:公司|集团|局|署|处|会|院|部|厅|办|办公室|中心|委员会|政府|大学|学院|学校|银行|基金|基金会|协会|商会|联会|"
    r"总会|学会|研究所|机构|组织|科技园|数码港|港|园|馆|台|社|所|队|团|党|厂|店|行|网|平台|实验室|医院|法院|"
    r"科技|控股|资本|创投|智能|生物|医疗|能源|物流|传媒)$"
)
# Verbs, time words and punctuation that end the subject of a dateline sentence ("X今天宣布",
# "X today announced"). 与/和/及 do not: they join two parties ("X与Y签署").
SUBJECT_END_ZH = re.compile(r"今天|今日|昨天|昨日|日前|近日|宣布|宣佈|欢迎|庆祝|公布|推出|举办|举行|签署|发表|表示|于|在|[(,。;:]")
SUBJECT_END_EN = re.compile(
    r"\s*(?:today|yesterday|announced|announces|has|have|is|are|was|were|will|welcomed|welcomes|celebrated|"
    r"celebrates|launched|launches|signed|signs|held|hosted|hosts|unveiled|unveils|released|releases|said|says)\b"
)
CONNECTIVE_ZH = re.compile(r"与|和|及|联同|连同|暨|、")
CONNECTIVE_EN = re.compile(r"\s+(?:and|&|with|together\s+with)\s+|,\s*")
