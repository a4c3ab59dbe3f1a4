"""Reading an admin listing the way a person does: each row's cells under their column headings."""

import lxml.html


def text(cell):
    """What a cell says, without the row's action buttons (Edit, Copy, Delete) beside a title."""
    for actions in cell.xpath(".//ul[contains(@class, 'actions')]"):
        actions.drop_tree()
    return " ".join(cell.text_content().split())


def listing_rows(response):
    """[{heading: cell text}] for the listing table in ``response``, in its order."""
    page = lxml.html.fromstring(response.content)
    (table,) = page.xpath("//table[contains(@class, 'listing')]")
    headings = [text(th) for th in table.xpath("./thead/tr/th")]
    return [
        dict(zip(headings, (text(td) for td in row.xpath("./td")), strict=True))
        for row in table.xpath("./tbody/tr")
    ]
