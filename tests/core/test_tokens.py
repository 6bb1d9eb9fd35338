"""Looking tokens up by position: snapping selections, the token at the caret, sentences."""

from __future__ import annotations

from array import array

import pytest

from annotator.core.tokens import TokenIndex, pack, token_ranges, unpack

#       0         1         2          3         4
#       0123456789012345678901234567 8901234567890123
TEXT = "او گفت: «عباس عراقچی» آمد.\nدر تهران  ماند."
TOKENS = [0, 2, 3, 6, 6, 7, 8, 9, 9, 13, 14, 20, 20, 21, 22, 25, 25, 26,
          27, 29, 30, 35, 37, 41, 41, 42]
SENTENCES = [0, 9]


@pytest.fixture
def index() -> TokenIndex:
    return TokenIndex(TOKENS, SENTENCES)


def word(start: int, end: int) -> str:
    return TEXT[start:end]


def test_the_fixture_tokens_are_the_words() -> None:
    pairs = list(zip(TOKENS[0::2], TOKENS[1::2], strict=True))
    assert [word(s, e) for s, e in pairs] == [
        "او", "گفت", ":", "«", "عباس", "عراقچی", "»", "آمد", ".", "در", "تهران", "ماند", ".",
    ]


def test_length_lookup_and_iteration(index: TokenIndex) -> None:
    assert len(index) == 13
    assert index.token(4) == (9, 13)
    assert list(index)[5] == (14, 20)


@pytest.mark.parametrize(
    ("pos", "expected"),
    [
        (0, 0),  # the start of the first token
        (1, 0),  # inside it
        (2, 0),  # just after it: the caret after a word still means that word
        (10, 4),  # inside عباس
        (8, 3),  # on «, which touches عباس
        (9, 4),  # where « ends and عباس starts: the one starting there
        (13, 4),  # after عباس, before the space
        (36, None),  # in the double space after تهران, touching no token
        (42, 12),  # at the very end
        (43, None),  # beyond it
    ],
)
def test_token_at(index: TokenIndex, pos: int, expected: int | None) -> None:
    assert index.token_at(pos) == expected


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ((10, 12), "عباس"),  # inside one word: the whole word
        ((11, 16), "عباس عراقچی"),  # across two words: both, whole
        ((9, 20), "عباس عراقچی"),  # exactly on tokens: unchanged
        ((8, 21), "«عباس عراقچی»"),  # the guillemets are tokens of their own
        ((13, 15), "عراقچی"),  # from the end of عباس: a space and a letter of the next
        ((29, 32), "تهران"),  # a leading space dropped
        ((31, 37), "تهران"),  # trailing spaces dropped
        ((24, 28), "آمد.\nدر"),  # across a sentence break
        ((0, 42), TEXT),
    ],
)
def test_snap_widens_to_whole_tokens(index: TokenIndex, selection: tuple[int, int],
                                     expected: str) -> None:
    assert word(*index.snap(*selection)) == expected


def test_snap_of_a_stretch_touching_no_token_is_unchanged(index: TokenIndex) -> None:
    assert index.snap(35, 37) == (35, 37)


def test_tokens_in(index: TokenIndex) -> None:
    assert list(index.tokens_in(9, 20)) == [4, 5]
    assert list(index.tokens_in(10, 15)) == [4, 5]
    assert list(index.tokens_in(13, 14)) == []  # the space between them
    assert list(index.tokens_in(35, 37)) == []
    assert list(index.tokens_in(0, 42)) == list(range(13))


def test_sentences(index: TokenIndex) -> None:
    assert list(index.sentence_ranges()) == [range(0, 9), range(9, 13)]
    assert [index.sentence_of(i) for i in (0, 8, 9, 12)] == [0, 0, 1, 1]


def test_no_sentences_given_is_one_sentence() -> None:
    index = TokenIndex(TOKENS)
    assert list(index.sentence_ranges()) == [range(0, 13)]
    assert TokenIndex(TOKENS, ()).sentences.tolist() == [0]


def test_no_tokens() -> None:
    index = TokenIndex([])
    assert len(index) == 0
    assert index.token_at(0) is None
    assert index.snap(0, 3) == (0, 3)
    assert list(index.tokens_in(0, 3)) == []
    assert list(index.sentence_ranges()) == []


def test_pack_and_unpack_round_trip() -> None:
    values = [0, 2, 3, 70_000, 4_000_000_000]
    blob = pack(values)
    assert len(blob) == 4 * len(values)
    assert blob[:4] == b"\x00\x00\x00\x00" and blob[4:8] == b"\x02\x00\x00\x00"  # little endian
    assert unpack(blob).tolist() == values
    assert unpack(pack(array("I", TOKENS))).tolist() == TOKENS
    assert unpack(None).tolist() == [] and unpack(b"").tolist() == []


def test_token_ranges_widen_off_boundary_spans_and_drop_what_cannot_be_written() -> None:
    starts, ends = TOKENS[0::2], TOKENS[1::2]
    spans = [(9, 20, "ACTOR"),     # «عباس عراقچی»: tokens 4..5, on their boundaries
             (22, 24, "EVENT"),    # «آم» of «آمد»: widened to token 7
             (24, 26, "EVENT"),    # «د.»: token 7 is taken, token 8 would share it: dropped
             (35, 37, "ACTOR"),    # the two spaces after «تهران»: no token
             (30, 41, "LOCATION"),  # «تهران  ماند»: tokens 10..11
             (20, 21, "ACTOR")]     # «» out of text order: token 6 is behind the last taken
    ranges, widened, dropped = token_ranges(starts, ends, spans)
    assert ranges == [(4, 6, "ACTOR"), (7, 8, "EVENT"), (10, 12, "LOCATION")]
    assert (widened, dropped) == (1, 3)
