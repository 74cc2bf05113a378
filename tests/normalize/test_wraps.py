"""PDF line-wrap repair: join what the page width broke, keep what the author broke."""

from factcheck.normalize import normalize_text
from factcheck.normalize.wraps import find_wraps

ZH_WRAPPED = [
    "香港，2022年8月19日 – 由國家工業和信息化部中小企業發展促進中心、香港特別行政",
    "區政府政府資訊科技總監辦公室、中央人民政府駐香港特別行政區聯絡辦公室青年工作部",
    "及中國中小企業國際合作協會聯合主辦，香港數碼港、天使投資基金會及廣州市產業園區",
    "商會共同承辦的數碼港年度盛事 – 2022「創客中國」國際中小企業創新創業大賽香港分",
    "站賽決賽於今天順利舉行，參賽隊伍逾 150 隊，再創紀錄。",
]


def joined(text: str) -> str:
    return normalize_text(text).text


def test_cjk_wraps_join_without_a_space_and_paragraphs_stay() -> None:
    text = "\n\n".join(ZH_WRAPPED) + "\n\n \n\n" + "\n\n".join(ZH_WRAPPED)
    out = joined(text)
    paragraph = joined("".join(ZH_WRAPPED))
    assert out == paragraph + "\n\n \n\n" + paragraph
    assert "香港特别行政区政府政府资讯科技总监办公室" in out


def test_single_newline_wraps_are_joined_too() -> None:
    assert joined("\n".join(ZH_WRAPPED)) == joined("".join(ZH_WRAPPED))


def test_a_list_under_wrapped_text_is_not_joined() -> None:
    items = ["(1) 金融科技", "(2) 人工智能與大數據", "• 物聯網", "一、新材料"]
    text = "\n".join(ZH_WRAPPED[:4]) + "\n" + "\n".join(items)
    out = joined(text)
    assert out.endswith("\n(1) 金融科技\n(2) 人工智能与大数据\n• 物联网\n一、新材料")
    assert [text[w.start - 1 : w.end + 1] for w in find_wraps(text)] == ["政\n區", "部\n及", "區\n商"]


def test_a_link_line_is_not_joined_to_the_caption_below() -> None:
    link = "https://drive.google.com/drive/folders/1zzJjE_C5K0UteU3iHbxbe1bGEeGxZTyz?usp=sharing"
    text = "\n\n".join(ZH_WRAPPED) + "\n\n" + link + "\n" + "「創客中國」香港分站賽決賽由兩地三個單位連線見證開幕。"
    assert link + "\n「创客中国」" in joined(text)


def test_one_paragraph_per_line_is_never_joined() -> None:
    paragraphs = [
        "大賽最終由數碼港社群初創複耳科技及德立數據分別奪得冠亞軍，而香港破境創新科技則得到季軍，勝出隊伍將會代表香港參加決賽",
        "十強隊伍具融資潛力，展望融資新契機",
        "香港分站賽十強項目有不少來自「生物醫藥與科技」、「新能源與節能環保」及「新材料」領域，可見商業市場對提升全民健康福祉的重視",
        "參賽項目聚焦人工智能等前沿科技領域",
        "今屆參賽項目涵蓋十大創新科技領域，包括「數碼娛樂與第三代互聯網應用」、「金融科技」、「人工智能與大數據」",
        "Hong Kong Cyberport",
        "Management Company Limited (Cyberport Company), the Angel Investment Foundation and the Chamber of Commerce",
    ]
    text = "\n\n".join(paragraphs)
    assert find_wraps(text) == []
    assert joined(text).count("\n") == text.count("\n")


def test_english_wraps_join_with_one_space_and_keep_hyphens() -> None:
    lines = [
        "Speaking at the MiCHK 2023 Final, the Government Chief Information Officer, Mr",
        "Tony Wong, said that the MiCHK has always been a stepping stone for Hong Kong",
        "start-ups and small and medium-sized enterprises to expand into the Guangdong-",
        "Hong Kong-Macao Greater Bay Area (GBA) market, and that numerous previous",
        "winning teams have successfully entered the GBA market through this platform.",
        "",
        "The MiCHK 2023 attracted 148 local innovation and entrepreneurship projects.",
    ]
    out = joined("\n".join(lines))
    assert out == (
        "Speaking at the MiCHK 2023 Final, the Government Chief Information Officer, Mr Tony Wong, said that the "
        "MiCHK has always been a stepping stone for Hong Kong start-ups and small and medium-sized enterprises "
        "to expand into the Guangdong-Hong Kong-Macao Greater Bay Area (GBA) market, and that numerous previous "
        "winning teams have successfully entered the GBA market through this platform.\n\n"
        "The MiCHK 2023 attracted 148 local innovation and entrepreneurship projects."
    )


def test_short_documents_are_left_alone() -> None:
    assert find_wraps("傳媒查詢，請聯絡：\n數碼港\n馮倩雯\n電話：(852) 3166 3841\n電郵：cindylfung@cyberport.hk") == []


def test_lines_wrapped_at_a_character_count_are_joined_even_with_english_names() -> None:
    # Wrapped every 43 characters whatever their width: a line holding an English name or many
    # digits has as many characters as the others but fewer columns, and is still a wrap.
    lines = [
        "經過激烈角逐，趣立數據（Novdomind Robotics）以區塊鏈供應鏈追溯平台勇",
        "奪冠軍；群森物聯（Calnopath Health-Tech）以區塊鏈供應鏈追溯平台獲",
        "得亞軍；翔動碼科技則以虛擬試身鏡獲得季軍。創新科技及工業局局長區文永博士指出：「今屆",
        "比賽已經成為匯聚創新資源、助力創新成果轉化落地的重要平台。希望各創業團隊充分利用好這",
        "個平台，交流創新成果、分享創業經驗、深化務實合作。」香港擁有世界級的科研實力、國際化的",
        "營商環境及完善的法律制度，是初創企業的理想基地。政府近年積極推動創新科技發展，為業界提",
        "供全方位支援。",
    ]
    out = joined("\n".join(lines))
    assert "平台勇夺冠军" in out and "平台获得亚军" in out
    assert out == joined("".join(lines))
