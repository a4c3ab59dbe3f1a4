"""Domains that never make an organisation: free-mail and ISP mailboxes, and reserved example names.

Two people at gmail.com are not a buying group. The list is data, kept in the product and reviewed like
code: add a provider when readers' addresses show one (one lower-case domain per entry, no subdomains
needed: ``mail.yahoo.co.uk`` is caught by ``yahoo.co.uk``).
"""

FREE_MAIL_DOMAINS = frozenset(
    domain
    for line in """
# Global webmail
gmail.com googlemail.com
outlook.com hotmail.com hotmail.co.uk hotmail.fr hotmail.de hotmail.it
hotmail.es live.com live.co.uk live.fr live.de msn.com passport.com
yahoo.com yahoo.co.uk yahoo.fr yahoo.de yahoo.es yahoo.it yahoo.co.jp
yahoo.com.br yahoo.ca yahoo.in ymail.com rocketmail.com
icloud.com me.com mac.com
proton.me protonmail.com protonmail.ch pm.me
aol.com aim.com
zoho.com zohomail.com fastmail.com fastmail.fm hey.com tutanota.com
tuta.io mailbox.org posteo.de posteo.net hushmail.com mail.com
email.com inbox.com runbox.com duck.com
# Germany, Austria, Switzerland
gmx.de gmx.net gmx.at gmx.ch gmx.com web.de t-online.de freenet.de
arcor.de bluewin.ch
# France, Benelux, Italy, Spain
orange.fr wanadoo.fr free.fr sfr.fr laposte.net neuf.fr bbox.fr
skynet.be telenet.be ziggo.nl kpnmail.nl planet.nl home.nl
libero.it virgilio.it tiscali.it alice.it tim.it telefonica.net
# UK and Ireland
btinternet.com btopenworld.com sky.com virginmedia.com ntlworld.com
talktalk.net blueyonder.co.uk tiscali.co.uk eircom.net
# North America
comcast.net verizon.net att.net sbcglobal.net bellsouth.net cox.net
charter.net earthlink.net optonline.net rogers.com shaw.ca sympatico.ca
# Nordics, Central and Eastern Europe, Russia
telia.com online.no wp.pl o2.pl onet.pl interia.pl seznam.cz
centrum.cz yandex.ru yandex.com ya.ru mail.ru bk.ru inbox.ru
list.ru rambler.ru ukr.net
# Asia, Oceania, Latin America
qq.com 163.com 126.com yeah.net sina.com sohu.com aliyun.com
naver.com daum.net hanmail.net rediffmail.com bigpond.com optusnet.com.au
uol.com.br bol.com.br terra.com.br
""".splitlines()
    for domain in line.partition("#")[0].split()
)

# Names reserved for documentation and testing (RFC 2606, RFC 6761): nobody's organisation.
RESERVED_DOMAINS = frozenset({"example.com", "example.net", "example.org"})
RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")


def domain_of(email):
    """The lower-case domain of an e-mail address, or "" when there is none."""
    _, at, domain = (email or "").strip().lower().rpartition("@")
    return domain.strip(".") if at else ""


def never_groups(domain):
    """Whether people at ``domain`` must never be grouped (a mailbox provider, or a reserved name)."""
    if not domain or "." not in domain:
        return True
    if domain.endswith(RESERVED_SUFFIXES) or domain in RESERVED_DOMAINS:
        return True
    labels = domain.split(".")
    # mail.yahoo.co.uk is yahoo.co.uk: check the domain and each parent.
    return any(".".join(labels[i:]) in FREE_MAIL_DOMAINS for i in range(len(labels) - 1))
