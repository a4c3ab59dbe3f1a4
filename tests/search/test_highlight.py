from django.utils.safestring import SafeString

from cms.search.highlight import highlight


def test_whole_words_and_a_partial_last_word_are_marked():
    marked = highlight("Unplanned downtime, planned work", ["unplanned", "downt"])
    assert marked == "<mark>Unplanned</mark> <mark>downtime</mark>, planned work"
    assert isinstance(marked, SafeString)


def test_an_earlier_word_is_marked_only_whole():
    assert highlight("Data and databases", ["data", "x"]) == "<mark>Data</mark> and databases"


def test_text_around_the_marks_is_escaped():
    assert (
        highlight('<b>Downtime</b> & "costs"', ["downtime"])
        == "&lt;b&gt;<mark>Downtime</mark>&lt;/b&gt; &amp; &quot;costs&quot;"
    )


def test_words_never_match_inside_escaped_characters():
    assert highlight("AT&T < BT", ["amp", "lt"]) == "AT&amp;T &lt; BT"


def test_words_are_matched_literally():
    assert highlight("a.b (c) a+b", ["a+b"]) == "a.b (c) <mark>a+b</mark>"


def test_without_words_the_text_is_only_escaped():
    assert highlight("<i>x</i>", []) == "&lt;i&gt;x&lt;/i&gt;"
