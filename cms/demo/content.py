"""Demo content for Masthead: the fictional company Keelstone.

Pure Python data, no Django imports. Loaded by the demo seeding code.
All text is plain (no HTML, no markdown).
"""

from .assets_a import ASSETS as _ASSETS_A
from .assets_b import ASSETS as _ASSETS_B
from .assets_c import ASSETS as _ASSETS_C

COMPANY = {
    "name": "Keelstone",
    "tagline": "One trustworthy picture of your operations.",
    "intro": (
        "Keelstone connects plant-floor, ERP and supply-chain systems so operations leaders at "
        "manufacturers, logistics operators and utilities work from one set of numbers they can trust. "
        "This is where we publish what we learn from 140 customers and more than 600 connected sites: "
        "research, practical guides and candid customer stories, all free to read."
    ),
    "about": [
        "Keelstone was founded in 2017 by three engineers who had spent a decade wiring together "
        "historians, production systems and ERPs for industrial companies, one custom project at a time. "
        "Every project ended the same way: a useful report that broke the first time a plant changed a "
        "line, a code or a shift pattern. We built Keelstone so that connecting operational data would "
        "be a product with a maintained model behind it, not a consulting engagement that decays.",
        "Today the Keelstone platform reads data from plant-floor systems, ERP, warehouse and transport "
        "systems at more than 600 sites, for 140 customers in discrete and process manufacturing, "
        "logistics and utilities. Keelstone Plan, our AI-assisted planning module, turns that connected "
        "picture into schedule and capacity recommendations that planners can inspect, change and "
        "overrule. We have offices in Manchester, Rotterdam and Columbus, Ohio, and 310 staff, about a "
        "third of whom have worked in plants, depots or control rooms.",
        "We run our marketing the way a trade publication runs its newsroom. We publish research, "
        "implementation detail, support terms and pricing structure in the open, because buyers should "
        "be able to judge whether Keelstone fits them before they ever speak to us. Nothing on this site "
        "needs a form to read. If you want our newsletter, we ask for your name, your email and the "
        "topics you care about, and nothing else.",
    ],
}

STAGES = [
    {
        "slug": "epiphany",
        "name": "Epiphany",
        "question": "Do we have a problem worth solving?",
        "description": (
            "We publish independent survey research and sharp points of view that help operations leaders "
            "size the cost of untrusted data before anyone mentions a product. Everything here is open to "
            "read and share with your board, with methods and sample sizes stated."
        ),
        "policy": "never_gated",
    },
    {
        "slug": "awareness",
        "name": "Awareness",
        "question": "How do others approach this?",
        "description": (
            "We report how peer manufacturers, logistics operators and utilities have tackled integration, "
            "planning and governance, including the approaches that did not work. Expect articles, talks and "
            "field notes written for practitioners rather than pitches."
        ),
        "policy": "never_gated",
    },
    {
        "slug": "interest",
        "name": "Interest",
        "question": "Who could help us?",
        "description": (
            "We explain plainly what an operations data platform is, what Keelstone does and does not do, "
            "and how our AI-assisted planning works. You can leave a name and email to hear about new "
            "webinars, but every paper and recording is readable without it."
        ),
        "policy": "optional",
    },
    {
        "slug": "evaluation",
        "name": "Evaluation",
        "question": "Will it fit us; what is the risk?",
        "description": (
            "We put implementation plans, connector coverage, security architecture, training and support "
            "terms in the open so your team can judge fit without a sales call. Customer case studies give "
            "the before, the after and the numbers."
        ),
        "policy": "never_gated",
    },
    {
        "slug": "purchase",
        "name": "Purchase",
        "question": "Can we justify and agree it?",
        "description": (
            "We help you build a business case your finance team will accept and give straight answers on "
            "pricing structure, contract terms and how to leave. Your account team arranges reference calls "
            "and tailors the model to your sites."
        ),
        "policy": "sales_led",
    },
    {
        "slug": "first-90-days",
        "name": "First 90 days",
        "question": "How do we succeed with it?",
        "description": (
            "We give new customers a week-by-week onboarding plan, role-based training and clear routes "
            "into support so the first sites go live on time. Some material refers to your own environment "
            "and is available to customers only."
        ),
        "policy": "customers_only",
    },
    {
        "slug": "advocacy",
        "name": "Advocacy",
        "question": "Should we grow it and tell others?",
        "description": (
            "We share customer stories, benchmark results and the work of the Keelstone Operations Council "
            "so customers can see where others have taken the platform next. It is also where customers "
            "shape our roadmap and speak for themselves."
        ),
        "policy": "never_gated",
    },
]

PERSONAS = [
    {
        "slug": "function-head",
        "name": "Function Head",
        "description": (
            "A CIO or IT director who runs technology as a dependable service and is judged on uptime, cost "
            "and security incidents. Reads connector lists, security architecture, support terms and "
            "implementation plans, and wants to know exactly what their team will have to maintain."
        ),
    },
    {
        "slug": "transformational-leader",
        "name": "Transformational Leader",
        "description": (
            "A CIO or chief digital officer hired to change how the business operates, often with a "
            "mandate for AI. Reads points of view, peer talks and planning case studies, and looks for "
            "evidence that change stuck beyond the pilot site."
        ),
    },
    {
        "slug": "business-strategist",
        "name": "Business Strategist",
        "description": (
            "A CIO who sits at the executive table and frames technology in terms of margin, growth and "
            "regulatory exposure. Reads research reports, business cases and sustainability reporting "
            "guidance, and wants numbers that survive a finance review."
        ),
    },
    {
        "slug": "turnaround-artist",
        "name": "Turnaround Artist",
        "description": (
            "A CIO or operations executive brought in to fix a business that is missing targets, with "
            "little patience for long programmes. Reads short, practical pieces about fast recovery, "
            "payback periods and what can be live within a quarter."
        ),
    },
    {
        "slug": "vp-operations",
        "name": "VP Operations",
        "description": (
            "The executive responsible for plants, depots or networks, measured on output, on-time delivery "
            "and cost per unit. Reads case studies, planning guides and anything that makes the morning "
            "production meeting shorter and more honest."
        ),
    },
    {
        "slug": "head-of-data",
        "name": "Head of Data",
        "description": (
            "The leader who owns data architecture, quality and governance across operational and business "
            "systems. Reads technical briefs, lineage and security detail, and model governance material, "
            "and is usually the first to test a vendor's claims."
        ),
    },
]

SEGMENTS = [
    {
        "slug": "discrete-manufacturing",
        "name": "Discrete manufacturing",
        "dimension": "industry",
        "description": "Makers of components, machinery and assembled products, usually running many lines and frequent changeovers.",
    },
    {
        "slug": "process-manufacturing",
        "name": "Process manufacturing",
        "dimension": "industry",
        "description": "Chemicals, polymers, food, metals and materials producers running continuous or batch processes with heavy energy use.",
    },
    {
        "slug": "logistics",
        "name": "Logistics",
        "dimension": "industry",
        "description": "Freight, warehousing and cold-chain operators whose service depends on reconciling depot, fleet and customer systems.",
    },
    {
        "slug": "utilities",
        "name": "Utilities",
        "dimension": "industry",
        "description": "Water, power and gas network operators managing ageing assets under regulatory reporting obligations.",
    },
    {
        "slug": "mid-market",
        "name": "Mid-market (500-2,000 staff)",
        "dimension": "company_size",
        "description": "Companies with 500 to 2,000 staff and typically two to eight sites, where IT and data teams are small and stretched.",
    },
    {
        "slug": "enterprise",
        "name": "Enterprise (2,000+ staff)",
        "dimension": "company_size",
        "description": "Companies with more than 2,000 staff, dozens of sites and several generations of plant and business systems.",
    },
    {
        "slug": "europe",
        "name": "Europe",
        "dimension": "region",
        "description": "Readers in the UK and the EU, where data residency and sustainability disclosure rules shape most projects.",
    },
    {
        "slug": "north-america",
        "name": "North America",
        "dimension": "region",
        "description": "Readers in the United States and Canada, where multi-site networks and regulated utilities dominate our work.",
    },
]

TOPICS = [
    {
        "slug": "plant-data-integration",
        "name": "Plant data integration",
        "description": (
            "Connecting machines, historians, production and quality systems with ERP so a plant's numbers "
            "agree wherever they are read. Coverage ranges from first principles to connector-level detail."
        ),
    },
    {
        "slug": "supply-chain-visibility",
        "name": "Supply chain visibility",
        "description": (
            "Seeing orders, stock and shipments move across plants, depots and carriers in close to real "
            "time. We focus on the handoffs where status goes missing and what it costs."
        ),
    },
    {
        "slug": "ai-operations-planning",
        "name": "AI in operations planning",
        "description": (
            "Using machine learning to help planners build schedules, balance capacity and react to "
            "disruption, with people still making the call. We cover what works, what stalls and how to "
            "check a model's advice."
        ),
    },
    {
        "slug": "data-governance-security",
        "name": "Data governance & security",
        "description": (
            "Ownership, quality rules, lineage, access control and residency for operational data. Practical "
            "guidance for teams who must satisfy auditors and security reviewers without slowing the plant."
        ),
    },
    {
        "slug": "legacy-modernisation",
        "name": "Legacy system modernisation",
        "description": (
            "Deciding what to retire, wrap or replace among decades-old plant and business systems. We "
            "cover sequencing, risk and how to modernise without a big-bang cutover."
        ),
    },
    {
        "slug": "energy-sustainability-reporting",
        "name": "Energy & sustainability reporting",
        "description": (
            "Turning meter, process and production data into energy and emissions figures that stand up to "
            "audit. Coverage includes baselines, allocation methods and using energy data in daily operations."
        ),
    },
    {
        "slug": "operational-resilience",
        "name": "Operational resilience",
        "description": (
            "Reducing unplanned downtime, recovering schedules quickly and keeping service levels when "
            "suppliers, equipment or networks fail. We favour measured results over resilience slogans."
        ),
    },
    {
        "slug": "workforce-change",
        "name": "Workforce & change management",
        "description": (
            "Helping supervisors, planners and analysts adopt new ways of working with data. Covers training, "
            "shift routines, roles and the habits that make a rollout stick."
        ),
    },
]

ASSETS = _ASSETS_A + _ASSETS_B + _ASSETS_C

# Editorial calendar: (title, stage, personas, topics, format, length, days from today or None for the
# backlog, brief). Ideas from sales and reader research sit in the backlog.
CALENDAR = [
    (
        "Reader survey: what operations leaders stopped trusting in 2026",
        "epiphany",
        ["vp-operations", "head-of-data"],
        ["plant-data-integration"],
        "research_report",
        "long",
        6,
        "Repeat the trust-gap survey with the same questions; publish the deltas.",
    ),
    (
        "Point of view: the morning meeting is a data problem",
        "epiphany",
        ["function-head"],
        ["operational-resilience"],
        "article",
        "short",
        10,
        "Short, opinionated piece; link to the survey.",
    ),
    (
        "Peer panel: how three utilities unified outage data",
        "awareness",
        ["transformational-leader", "vp-operations"],
        ["operational-resilience", "plant-data-integration"],
        "webinar",
        "long",
        14,
        "Three utility speakers, 45 minutes, recording published ungated.",
    ),
    (
        "Infographic: where planning time goes",
        "awareness",
        ["business-strategist"],
        ["ai-operations-planning"],
        "infographic",
        "short",
        17,
        "Visual summary of the planner time study.",
    ),
    (
        "Product overview: Keelstone Plan for schedulers",
        "interest",
        ["vp-operations"],
        ["ai-operations-planning"],
        "product_overview",
        "short",
        21,
        "What Plan recommends, what planners can overrule, and how.",
    ),
    (
        "White paper: governing plant data without slowing plants",
        "interest",
        ["head-of-data"],
        ["data-governance-security"],
        "white_paper",
        "long",
        24,
        "Ownership model, change control and audit trail.",
    ),
    (
        "Technical brief: connector coverage for process historians",
        "evaluation",
        ["head-of-data", "function-head"],
        ["plant-data-integration"],
        "technical_brief",
        "long",
        28,
        "Full list with versions and limits; published openly.",
    ),
    (
        "Case study: a cold-chain operator's first year",
        "evaluation",
        ["vp-operations"],
        ["supply-chain-visibility"],
        "case_study",
        "long",
        35,
        "Outcome-first; customer has approved the numbers.",
    ),
    (
        "Business case template: payback in your own numbers",
        "purchase",
        ["business-strategist", "turnaround-artist"],
        ["legacy-modernisation"],
        "article",
        "short",
        42,
        "Downloadable spreadsheet plus the method.",
    ),
    (
        "First 90 days: training plan for plant supervisors",
        "first-90-days",
        ["function-head"],
        ["workforce-change"],
        "first_90_days",
        "long",
        49,
        "Week-by-week plan and who attends what.",
    ),
    (
        "Customer story: energy reporting across 12 sites",
        "advocacy",
        ["business-strategist"],
        ["energy-sustainability-reporting"],
        "case_study",
        "long",
        56,
        "Expansion story; quotes from the sustainability lead.",
    ),
    (
        "Open slot: reserved for the scoop",
        "awareness",
        [],
        [],
        "",
        "",
        20,
        "Room for timely news: a regulation, an outage, a survey result.",
    ),
    (
        "Open slot: late-quarter news",
        "interest",
        [],
        [],
        "",
        "",
        45,
        "Hold for whatever the field hears this quarter.",
    ),
    (
        "Idea from sales: 'what are peers doing about ERP upgrades?'",
        "awareness",
        ["transformational-leader"],
        ["legacy-modernisation"],
        "article",
        "short",
        None,
        "Raised by three account executives this month.",
    ),
    (
        "Idea: FAQ on data residency for EU plants",
        "evaluation",
        ["head-of-data"],
        ["data-governance-security"],
        "faq",
        "short",
        None,
        "Reader questions from the security brief page.",
    ),
    (
        "Idea: talk on change fatigue in plant rollouts",
        "advocacy",
        ["function-head"],
        ["workforce-change"],
        "talk",
        "long",
        None,
        "Summit talk candidate; needs a customer speaker.",
    ),
    (
        "Idea: supplier visibility benchmark",
        "epiphany",
        ["business-strategist"],
        ["supply-chain-visibility"],
        "research_report",
        "long",
        None,
        "From reader research: most-requested missing data.",
    ),
    (
        "Idea: infographic on the cost of a bad shift handover",
        "epiphany",
        ["vp-operations"],
        ["operational-resilience"],
        "infographic",
        "short",
        None,
        "Visual; pairs with the handover article.",
    ),
]

TOPIC_CYCLES = {
    "plant-data-integration": 4,
    "ai-operations-planning": 4,
    "operational-resilience": 6,
    "energy-sustainability-reporting": 8,
}

# Assets whose readers are probably checking fit: (slug, signal weight). 30 or more is a strong signal
# under the default sales-ready rules.
SIGNALS = {
    "connector-coverage-plant-erp-logistics": 15,
    "security-architecture-and-data-residency": 15,
    "commercial-faq-pricing-contracts-exit": 35,
}

# The Sales area: what the demo salesperson has heard, used and shared, and three readers who subscribed.
FIELD_NOTES = [
    (
        "Two plant managers this month asked how long the historian stays in place while we run "
        "alongside it. Nobody wants a big-bang cut-over.",
        ["plant-data-integration"],
    ),
    (
        "Finance teams keep asking for the energy baseline method in a form their auditors can check "
        "before they agree to a pilot.",
        ["energy-sustainability-reporting"],
    ),
    (
        "Prospects compare us with a generic data lake. A piece on what a plant-data model does that a "
        "lake does not would help in the first meeting.",
        ["plant-data-integration", "operational-resilience"],
    ),
]

# (asset slug, helped, note)
SALES_FEEDBACK = [
    (
        "security-architecture-and-data-residency",
        True,
        "Closed the IT security review in one call.",
    ),
    (
        "keelstone-implementation-week-by-week",
        True,
        "The week-by-week plan calmed the plant manager.",
    ),
    (
        "keelstone-platform-overview",
        False,
        "Too general for a technical audience; they wanted detail.",
    ),
]

# name, e-mail, what they read: (asset slug, kind, days ago, via the sales user's share link)
DEMO_LEADS = [
    (
        "Priya Natarajan",
        "priya.natarajan@example.com",
        [
            ("operations-data-platform-buyers-primer", "read", 20, False),
            ("keelstone-implementation-week-by-week", "share", 6, True),
            ("keelstone-implementation-week-by-week", "read", 6, False),
            ("commercial-faq-pricing-contracts-exit", "read", 1, False),
        ],
    ),
    (
        "Tomás Ferreira",
        "tomas.ferreira@example.com",
        [
            ("from-forecast-to-floor-ai-assisted-planning", "view", 12, False),
            ("governed-by-design-operational-data", "read", 3, False),
        ],
    ),
    (
        "Hannah Okafor",
        "hannah.okafor@example.com",
        [
            ("connector-coverage-plant-erp-logistics", "read", 9, False),
            ("security-architecture-and-data-residency", "download", 8, False),
            ("support-tiers-and-response-times", "read", 4, False),
            ("commercial-faq-pricing-contracts-exit", "read", 2, False),
        ],
    ),
]

# The canonical story: messages the site and the decks share.
MESSAGES = [
    {
        "name": "Core story",
        "headline": "Keelstone turns plant, ERP and logistics data into schedules your operations "
        "team trusts, so plants hit their plan more often.",
        "job": "Cut unplanned downtime and schedule misses by giving planners one current view of "
        "every plant, and a plan they can explain.",
        "category": "An operations data platform for mid-sized manufacturers and utilities: between "
        "the historian and the ERP, not a replacement for either.",
        "proof_points": [
            (
                "quantified_outcome",
                {
                    "figure": "38%",
                    "outcome": "less unplanned downtime",
                    "context": "Harlow Components, first year",
                },
            ),
            (
                "customer_quote",
                {
                    "quote": "For the first time the plan on the screen is the plan on the floor.",
                    "attribution": "Maya Osei, Head of Operations",
                    "organisation": "Harlow Components",
                },
            ),
            (
                "endorsement",
                {
                    "source": "Northfield Industry Review 2026",
                    "statement": "A leader for time to value in operations data.",
                    "url": "",
                },
            ),
        ],
        "boilerplate": "Keelstone builds software that helps manufacturers and utilities run their "
        "plants on current, trustworthy data. Founded in 2019, it serves 140 sites in 11 countries.",
    },
    {
        "name": "Implementation promise",
        "headline": "Live on your first plant in twelve weeks, alongside what you run today.",
        "job": "Get a first site onto one trusted schedule without a big-bang cut-over or a "
        "year-long project.",
        "category": "",
        "proof_points": [
            (
                "quantified_outcome",
                {
                    "figure": "12 weeks",
                    "outcome": "median time to first live site",
                    "context": "all 2025 customers",
                },
            ),
        ],
        "boilerplate": "",
    },
]

# slug, title, audience, slides: ("message", name, parts) / ("asset", slug) / ("text", title, text)
DECKS = [
    (
        "first-meeting",
        "Keelstone: first meeting",
        "Operations leaders at the Interest stage",
        [
            ("message", "Core story", []),
            ("asset", "operations-data-platform-buyers-primer"),
            ("asset", "harlow-components-unplanned-downtime"),
            ("text", "Next steps", "A 45-minute fit check with your planners\nA site visit"),
        ],
    ),
    (
        "evaluation-pack",
        "Keelstone: evaluation pack",
        "Project teams checking fit",
        [
            ("message", "Core story", ["headline", "proof_points"]),
            ("message", "Implementation promise", []),
            ("asset", "keelstone-implementation-week-by-week"),
            ("asset", "security-architecture-and-data-residency"),
        ],
    ),
]

# A reader survey in place of the subscribe offer: (question, answers, asset slugs, answers so far)
SURVEY = (
    "What should we write about next?",
    ["Running alongside our historian", "Data residency in detail", "Costs after year one"],
    ["operations-data-platform-buyers-primer", "retire-wrap-or-replace-legacy-mes"],
    [5, 2, 7],
)

# "Was this useful?" answers so far: (asset slug, yes, no)
USEFUL_VOTES = [
    ("keelstone-implementation-week-by-week", 9, 1),
    ("security-architecture-and-data-residency", 6, 0),
    ("keelstone-platform-overview", 3, 4),
]
