"""Korean page reading (issue 16, item 4): the headline kept, the page's furniture stripped,
credits read as cited sources (never the outlet), and the page's own date.

Every page here is written for this file: short made-up stories, never copied article text.
"""
from __future__ import annotations

import pytest

from search.cleaning import clean_html, clean_plain_text
from search.cleaning.korean_lines import line_rules
from search.models import RawDocument
from search.pipeline import build_article
from search.reading.dates import date_from_url, dated_line
from search.reading.sources import find_cited_sources

LEAD = "북한 주민 두 명이 작은 나무배를 타고 동해 북방한계선을 넘어 귀순했다고 군 당국이 21일 밝혔다."
SECOND = "군은 이들의 신병을 확보했으며 관계기관이 정확한 귀순 경위와 동기를 함께 조사하고 있다고 설명했다."
THIRD = "군 관계자는 해상에서 발견될 당시 두 사람 모두 건강에 큰 이상은 없었다고 전했다."
FOURTH = "북한 주민이 바다를 건너 귀순한 것은 올해 들어 두 번째로 알려졌다."
HEADLINE = "북한 주민 2명 목선 타고 동해로 귀순"


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def plain(text: str, url: str | None = None):
    return build_article(RawDocument(origin="page.txt", text=text, sidecar={"url": url} if url else {}))


def removed_kinds(cleaned) -> dict[str, str]:
    return {line: span.kind for span in cleaned.removed for line in span.text.split("\n")}


# --- the headline -------------------------------------------------------------------------

@pytest.mark.parametrize("furniture", [
    ("AD",), ("가상일보",), ("전체메뉴", "정치 사회 북한"), ("가상일보", "AD", "로그인", "정치.사회.북한.국제"),
])
def test_a_masthead_menu_or_ad_above_the_headline_never_becomes_the_title(furniture: tuple[str, ...]) -> None:
    cleaned = clean_plain_text(page(*furniture, HEADLINE, "입력 2024-08-21 10:15", LEAD, SECOND, THIRD))
    assert cleaned.title == HEADLINE
    assert cleaned.paragraphs == (LEAD, SECOND, THIRD)
    assert HEADLINE not in removed_kinds(cleaned)


def test_a_headline_above_a_reporter_and_stamp_line_is_found() -> None:
    cleaned = clean_plain_text(page("가상일보", "전체메뉴", "지역 소식", HEADLINE, "기자명 김가상 기자 입력 2024.08.21 10:15 댓글 0", LEAD, SECOND))
    assert cleaned.title == HEADLINE and cleaned.paragraphs == (LEAD, SECOND)


def test_the_headline_is_kept_when_the_page_opens_with_it() -> None:
    cleaned = clean_plain_text(page(HEADLINE, "김가상 기자", "입력 2024-08-21 10:15", LEAD, SECOND))
    assert cleaned.title == HEADLINE and cleaned.paragraphs == (LEAD, SECOND)


def test_a_headline_above_a_bare_stamp_label_is_found() -> None:
    cleaned = clean_plain_text(page("가상일보", "AD", HEADLINE, "가상일보", "입력", LEAD, SECOND))
    assert cleaned.title == HEADLINE


def test_a_page_without_a_stamp_takes_the_first_line_that_reads_as_a_headline() -> None:
    cleaned = clean_plain_text(page("AD", "전체메뉴", HEADLINE, LEAD, SECOND))
    assert cleaned.title == HEADLINE and cleaned.paragraphs == (LEAD, SECOND)


def test_a_korean_one_paragraph_copy_is_cut_at_its_wire_dateline() -> None:
    text = f"{HEADLINE}(서울=연합뉴스) 김가상 기자 = {LEAD} {SECOND}"
    cleaned = clean_plain_text(text)
    assert cleaned.title == HEADLINE
    assert cleaned.body.startswith("(서울=연합뉴스)") and SECOND in cleaned.body


def test_a_korean_one_paragraph_copy_is_cut_where_a_quotation_runs_into_the_article() -> None:
    text = f'통일장관 "강제 북송은 없어야"{LEAD} {SECOND}'
    cleaned = clean_plain_text(text)
    assert cleaned.title == '통일장관 "강제 북송은 없어야"' and cleaned.body == f"{LEAD} {SECOND}"


def test_a_quotation_carried_on_by_its_particle_is_not_a_cut() -> None:
    text = f'군 "귀순 의사 확인했다"고 밝혀 {LEAD} {SECOND} {THIRD}'
    assert clean_plain_text(text).title.startswith('군 "귀순 의사 확인했다"고 밝혀 북한 주민')


@pytest.mark.parametrize("text, title", [
    ("A North Korean soldier crossed the border on Monday, officials said. The soldier was "
     "unarmed and is in good health, the military said in a short statement. Officials are "
     "questioning him about his motives, as they do with every defector, a spokesman said.",
     "A North Korean soldier crossed the border on Monday, officials said."),
    (f"{LEAD} {SECOND} {THIRD} {FOURTH}", LEAD),
])
def test_a_one_line_copy_yields_a_title_and_a_body_in_any_language(text: str, title: str) -> None:
    cleaned = clean_plain_text(text)
    assert cleaned.title == title and cleaned.body and cleaned.title not in cleaned.body[:len(title)]


def test_story_lists_run_onto_a_one_paragraph_copy_are_cut_off() -> None:
    text = f"{HEADLINE}(서울=연합뉴스) 김가상 기자 = {LEAD} {SECOND}관련 키워드귀순북한동해 관련 기사다른 소식 하나"
    cleaned = clean_plain_text(text)
    assert cleaned.title == HEADLINE and cleaned.body.endswith(SECOND)
    assert any(span.kind == "promo" and span.text.startswith("관련 키워드") for span in cleaned.removed)


def test_a_stamp_glued_to_a_one_line_copy_is_its_own_line_and_dates_the_page() -> None:
    article = plain(f" date 2025-10-20 {LEAD} {SECOND} {THIRD} {FOURTH}")
    assert article.title == LEAD and article.published == "2025-10-20"
    assert "date 2025" not in article.body and SECOND in article.body


def test_a_hard_wrapped_copy_without_blank_lines_yields_a_title_and_a_body() -> None:
    text = page("북한 주민 두 명이 작은 나무배를 타고 동해 북방한계선을",
                "넘어 귀순했다고 군 당국이 21일 오후 늦게 밝혔다.",
                "군은 이들의 신병을 확보했으며 관계기관이 정확한 경위",
                "와 동기를 함께 조사하고 있다고 설명했다. 군 관계자는",
                "해상에서 발견될 당시 두 사람 모두 건강에 큰 이상은 없",
                "었다고 전했다.")
    cleaned = clean_plain_text(text)
    assert cleaned.title == "북한 주민 두 명이 작은 나무배를 타고 동해 북방한계선을 넘어 귀순했다고 군 당국이 21일 오후 늦게 밝혔다."
    assert len(cleaned.paragraphs) == 1 and cleaned.paragraphs[0].startswith("군은") and cleaned.paragraphs[0].endswith("전했다.")
    assert "이상은 없었다고" in cleaned.paragraphs[0]  # a word the wrap cut in two is whole again


def test_a_wrapped_paragraph_s_first_line_is_not_taken_for_a_headline() -> None:
    text = "가상일보\n\n북한 주민 두 명이 작은 나무배를 타고 동해 북방한계선을 넘어 귀순했다고\n군 당국이 밝혔다.\n\n" + SECOND + "\n"
    assert clean_plain_text(text).title != "북한 주민 두 명이 작은 나무배를 타고 동해 북방한계선을 넘어 귀순했다고"


@pytest.mark.parametrize("first", ["사진=가상일보DB/사진은 기사와 무관함.", "이 기사를 공유합니다", "등록기자: 김가상 [기자에게 문의하기] /"])
def test_a_copy_that_opens_with_furniture_and_no_headline_is_titled_by_its_lead(first: str) -> None:
    cleaned = clean_plain_text(page(first, LEAD, SECOND, THIRD))
    assert cleaned.title == LEAD and cleaned.paragraphs == (LEAD, SECOND, THIRD)


def test_a_series_label_above_the_headline_is_not_the_title() -> None:
    assert clean_plain_text(page("[구멍 뚫린 해상경계]", HEADLINE, LEAD, SECOND)).title == HEADLINE


def test_a_stamp_glued_before_a_short_headline_is_set_apart() -> None:
    article = plain(page(f" date 2025-10-19 {HEADLINE}", LEAD, SECOND, THIRD))
    assert article.title == HEADLINE and article.published == "2025-10-19"


# --- furniture ----------------------------------------------------------------------------

@pytest.mark.parametrize("line, kind", [
    ("기사 URL이 복사되었습니다.", "share"),
    ("소셜공유", "share"),
    ("공유하기 카카오톡 페이스북 트위터 URL복사", "share"),
    ("좋아요 3 슬퍼요 0 화나요 1 후속요청 0", "share"),
    ("글자크기 설정", "share"),
    ("관련기사", "promo"),
    ("많이 본 뉴스", "promo"),
    ("▶ 가상일보 구독하고 주요 뉴스 받아보세요", "promo"),
    ("가상일보를 구독하세요", "promo"),
    ("투표하기", "form"),
    ("찬성 45% (120명)", "form"),
    ("김가상 기자 kim.gasang@example.co.kr", "byline"),
    ("김가상 기자", "byline"),
    ("[가상신문 / 김가상 기자]", "byline"),
    ("동해 항구에 정박한 작은 목선의 모습. 2024.8.21 연합뉴스", "caption"),
    ("동해 항구에 정박한 작은 목선의 모습. /조선DB", "caption"),
    ("[Photo : 가상통신]", "caption"),
    ("출처: 가상통신", "caption"),
    ("항구에 정박한 목선을 살펴보는 군인들. 가상방송 화면 캡처", "caption"),
    ("항구에 정박한 목선의 모습이다./동해=김가상기자 kim@example.co.kr", "caption"),
    ("자료사진", "caption"),
    ("김가상 [kim@example.co.kr]", "byline"),
    ("이 콘텐츠에 대해 어떻게 생각하시나요?", "form"),
    ("사진 출처, 가상통신", "caption"),
    ("(통일부 제공) 2024.8.21/뉴스1 ⓒ News1 김가상 기자", "caption"),
    ("ⓒ 가상일보 무단 전재 및 재배포 금지", "footer"),
    ("<저작권자 ⓒ 가상일보, 무단전재 및 재배포 금지>", "footer"),
    ("Copyright ⓒ 가상일보 All rights reserved.", "footer"),
])
def test_korean_page_furniture_is_stripped_and_named(line: str, kind: str) -> None:
    cleaned = clean_plain_text(page(HEADLINE, "입력 2024-08-21 10:15", LEAD, SECOND, line, THIRD, FOURTH))
    assert cleaned.paragraphs == (LEAD, SECOND, THIRD, FOURTH)
    assert removed_kinds(cleaned)[line] == kind


@pytest.mark.parametrize("signature, kind", [
    ("김가상 기자 kim.gasang@example.co.kr", "byline"),
    ("<김가상 기자>", "byline"),
    ("(서울=연합뉴스) 김가상 기자 kim@example.co.kr", "credit"),
    ("(연합뉴스)", "credit"),
])
def test_a_signature_run_onto_the_last_paragraph_is_cut_off(signature: str, kind: str) -> None:
    cleaned = clean_plain_text(page(HEADLINE, LEAD, SECOND, f"{THIRD} {signature}"))
    assert cleaned.paragraphs == (LEAD, SECOND, THIRD)
    assert (kind, signature) in {(span.kind, span.text) for span in cleaned.removed}


def test_a_photo_credit_opening_a_paragraph_is_cut_off_and_cited() -> None:
    article = plain(page(HEADLINE, f"[사진=연합뉴스] {LEAD}", SECOND, THIRD))
    assert article.body.split("\n\n")[0] == LEAD and "Yonhap" in article.cited_sources


def test_a_saved_page_s_signature_run_onto_its_last_paragraph_is_cut_off() -> None:
    html = f"<html><body><article><h1>{HEADLINE}</h1><p>{LEAD}</p><p>{SECOND} 김가상 기자 kim@example.co.kr</p></article></body></html>"
    cleaned = clean_html(html)
    assert cleaned.paragraphs == (LEAD, SECOND)
    assert ("byline", "김가상 기자 kim@example.co.kr") in {(s.kind, s.text) for s in cleaned.removed}


def test_a_broadcast_script_s_markers_and_sign_off_are_stripped() -> None:
    cleaned = clean_plain_text("\n\n".join([HEADLINE, "[앵커]\n" + LEAD, "김가상 기자가 보도합니다.", "[리포트]\n" + SECOND, THIRD, "가상뉴스 김가상입니다."]))
    assert cleaned.paragraphs == (LEAD, SECOND, THIRD)


def test_a_comment_thread_and_story_lists_after_the_article_are_stripped() -> None:
    cleaned = clean_plain_text(page(
        HEADLINE, "입력 2024-08-21 10:15", LEAD, SECOND, THIRD, "김가상 기자 kim@example.co.kr",
        "관련기사", "북한 병사 군사분계선 넘어 귀순", "탈북민 정착 지원 늘린다",
        "많이 본 뉴스", "1 서울 낮 기온 크게 올라", "댓글 2", "첫 댓글을 작성해보세요",
        "나그네 2024.08.21 11:00", "무사히 도착해서 다행이라는 생각이 드는 소식입니다 앞으로 잘 정착하시길 바랍니다.",
        "답글 0", "손님 2024.08.21 12:00", "두 분 모두 건강하게 새 삶을 시작하시길 진심으로 바라는 마음입니다 응원합니다.",
    ))
    assert cleaned.paragraphs == (LEAD, SECOND, THIRD)
    kinds = removed_kinds(cleaned)
    assert kinds["관련기사"] == kinds["많이 본 뉴스"] == "promo" and kinds["댓글 2"] == "comments"


def test_furniture_lines_in_the_lead_s_paragraph_are_not_joined_to_it() -> None:
    text = f"{HEADLINE}\n\n김가상 기자\n\n작성 2024.08.21 10:01 조회수\n프린트하기 글자 크기\n{LEAD}\n\n{SECOND}\n"
    cleaned = clean_plain_text(text)
    assert cleaned.paragraphs == (LEAD, SECOND)


def test_a_photo_s_alt_text_and_caption_repeated_are_captions() -> None:
    caption = "항구에 정박한 작은 목선과 이를 살펴보는 군인들의 모습."
    cleaned = clean_plain_text(page(HEADLINE, caption, caption, LEAD, SECOND, THIRD))
    assert cleaned.paragraphs == (LEAD, SECOND, THIRD) and removed_kinds(cleaned)[caption] == "caption"


def test_a_media_player_s_text_is_not_article_text() -> None:
    cleaned = clean_plain_text(page(HEADLINE, LEAD, SECOND, "No media source currently available", "0:00 0:06:19 0:00",
                                    THIRD, FOURTH))
    assert cleaned.paragraphs == (LEAD, SECOND, THIRD, FOURTH)


def test_a_caption_inside_the_article_does_not_cut_it_short() -> None:
    cleaned = clean_plain_text(page(HEADLINE, LEAD, SECOND, "항구에 정박한 목선. 2024.8.21 연합뉴스", THIRD, FOURTH))
    assert cleaned.paragraphs == (LEAD, SECOND, THIRD, FOURTH)


def test_every_rule_of_the_data_file_compiles_and_names_a_removed_kind() -> None:
    kinds = {"comments", "bio", "promo", "caption", "credit", "form", "share", "footer", "nav", "other", "byline"}
    assert line_rules() and {rule.kind for rule in line_rules()} <= kinds


def test_english_lines_are_not_read_by_the_korean_rules() -> None:
    text = page("Soldier defects", "AD", *(["A North Korean soldier crossed the border on Monday, the "
                                             "military said in a statement on Tuesday."] * 3), "© Reuters")
    cleaned = clean_plain_text(text)
    assert cleaned.title == "Soldier defects" and removed_kinds(cleaned)["© Reuters"] == "footer"


def test_a_saved_korean_html_page_loses_the_same_furniture() -> None:
    html = ("<html lang='ko'><head><title>북한 주민 귀순 | 가상일보</title></head><body><article>"
            f"<h1>{HEADLINE}</h1><p>입력 2024.08.21 10:15 수정 2024.08.22 09:00</p><p>{LEAD}</p>"
            f"<p>기사 URL이 복사되었습니다.</p><p>{SECOND}</p><p>항구에 정박한 목선. /조선DB</p><p>{THIRD}</p>"
            "<p>김가상 기자 kim@example.co.kr</p><p>ⓒ 가상일보 무단 전재 및 재배포 금지</p></article></body></html>")
    cleaned = clean_html(html)
    assert cleaned.paragraphs == (LEAD, SECOND, THIRD)
    assert {span.kind for span in cleaned.removed} >= {"byline", "share", "caption", "footer"}
    assert build_article(RawDocument(origin="page.html", html=html)).published == "2024-08-21"


def test_a_saved_korean_page_s_masthead_in_its_h1_is_not_the_title() -> None:
    html = (f"<html><head><title>{HEADLINE} - 가상일보</title></head><body><h1>가상일보</h1>"
            f"<article><p>{LEAD}</p><p>{SECOND}</p></article></body></html>")
    assert clean_html(html).title == HEADLINE


# --- credits are cited sources, never the outlet ------------------------------------------

@pytest.mark.parametrize("credit, source", [
    ("(서울=연합뉴스) 김가상 기자 = ", "Yonhap"),
    ("【서울=뉴시스】 김가상 기자 = ", "Newsis"),
])
def test_a_wire_dateline_credit_is_a_cited_source_not_the_outlet(credit: str, source: str) -> None:
    article = plain(page(HEADLINE, "입력 2024-08-21 10:15", credit + LEAD, SECOND, THIRD))
    assert source in article.cited_sources and article.outlet is None


@pytest.mark.parametrize("credit, name, source", [("ⓒ 한국경제TV", "한국경제TV", "Korea Economic TV"),
                                                  ("연합뉴스TV 김가상입니다", "연합뉴스TV", "Yonhap News TV")])
def test_a_credit_line_is_a_cited_source_never_the_outlet(credit: str, name: str, source: str) -> None:
    text = page(HEADLINE, "입력 2024-08-21 10:15", LEAD, credit, SECOND, THIRD, "ⓒ 가상일보 무단 전재 및 재배포 금지")
    article = plain(text)
    assert source in article.cited_sources
    assert article.outlet == "가상일보" and credit not in article.body
    with_url = plain(text, url="https://www.example-news.co.kr/view/123").outlet
    assert with_url and source not in with_url and name not in with_url


def test_korean_source_names_take_their_particles_and_foreign_ministries_are_not_cited() -> None:
    text = "합참은 밝혔다. KBS는 보도했다. 로이터통신에 따르면 그렇다. 미 국방부는 말을 아꼈다."
    assert find_cited_sources(text) == ("Joint Chiefs of Staff", "KBS", "Reuters")


# --- dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("line, date", [
    ("입력 2024-08-21 10:15", "2024-08-21"),
    ("승인 2016.04.08 18:17", "2016-04-08"),
    ("기사입력 2017.11.13", "2017-11-13"),
    ("2017년 11월 13일", "2017-11-13"),
    ("2017.11.13.", "2017-11-13"),
    ("입력 2024.08.21 10:15 | 수정 2024.08.22 09:00", "2024-08-21"),
    ("수정 2024.08.22 09:00 입력 2024.08.21 10:15", "2024-08-21"),
])
def test_korean_stamps_are_read(line: str, date: str) -> None:
    found = dated_line(line)
    assert found is not None and (found.date, found.updated) == (date, False)


@pytest.mark.parametrize("line", ["2024.8.21/뉴스1", "(2024.8.21) 연합뉴스", "13일", "지난해 6월"])
def test_a_photo_credit_s_or_an_event_s_date_is_not_a_stamp(line: str) -> None:
    assert dated_line(line) is None


def test_an_update_stamp_above_the_publication_stamp_does_not_date_the_page() -> None:
    article = plain(page(HEADLINE, "최종수정 2024.08.22 09:00", "입력 2024.08.21 10:15", LEAD, SECOND))
    assert article.published == "2024-08-21"


def test_a_page_that_only_tells_of_dated_events_stays_undated() -> None:
    article = plain(page(HEADLINE, "북한군 병사는 지난해 6월에도 귀순했으며 13일에도 비슷한 일이 있었다고 군은 밝혔다.", SECOND))
    assert article.published is None


@pytest.mark.parametrize("url, date", [
    ("https://www.hankookilbo.com/News/Read/201706132142480915", "2017-06-13"),
    ("https://www.donga.com/news/Politics/article/all/20171113/87000000/1?ref=A201711130319", "2017-11-13"),
    ("https://www.yna.co.kr/view/AKR20170903012345678", "2017-09-03"),
    ("https://www.newsis.com/view/?id=NISX20171113_0000123456", "2017-11-13"),
    ("https://www.segye.com/newsView/20251019510658", "2025-10-19"),
])
def test_dated_url_ids_are_read(url: str, date: str) -> None:
    assert date_from_url(url) == date
