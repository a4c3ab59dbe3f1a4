"""Keelstone demo assets, part B: Interest and Evaluation stages."""

ASSETS = [
    # ------------------------------------------------------------------ Interest
    {
        "slug": "operations-data-platform-buyers-primer",
        "title": "The Operations Data Platform: A Buyer's Primer",
        "format": "white_paper",
        "stage": "interest",
        "personas": ["function-head", "transformational-leader", "head-of-data"],
        "segments": [],
        "topics": ["plant-data-integration", "legacy-modernisation"],
        "summary": (
            "What an operations data platform is, how it differs from a data warehouse or a plant historian, "
            "and the seven questions to ask any vendor, Keelstone included, before shortlisting."
        ),
        "sections": [
            {
                "heading": "A category defined by the problem",
                "paragraphs": [
                    "An operations data platform connects the systems that run plants, depots and networks "
                    "with the systems that run the business, and keeps a maintained model of how their data "
                    "relates. It is not a historian, which stores high-frequency process values, and it is not "
                    "a general data warehouse, which is built for finance and sales analysis. Its job is to "
                    "make operational measures such as output, downtime, yield and energy per unit agree, "
                    "wherever and by whomever they are read.",
                ],
            },
            {
                "heading": "What is inside one",
                "paragraphs": [
                    "Most platforms have four layers. Connectors read from machines, historians, production, "
                    "quality, maintenance, ERP, warehouse and transport systems. An operations model maps "
                    "assets, materials, orders and shifts across those sources, so a line called L3 in one "
                    "system and PRESS-03 in another is recognised as the same thing. A measures layer holds "
                    "agreed definitions. Role-based views put the results in front of supervisors, planners "
                    "and executives. "
                    "Some platforms, Keelstone among them, add planning or analytics modules on top. Those are "
                    "only as good as the layers beneath them.",
                ],
            },
            {
                "heading": "Seven questions for any vendor",
                "paragraphs": [
                    "Which of our systems do you read with a maintained connector, and which need custom work? "
                    "Who maintains the operations model when we add a line or change a code? How long does a "
                    "first site take, and what do you need from our people? Where is our data hosted, and how "
                    "do we get all of it back if we leave? Can we speak to a customer of our size and industry "
                    "without you on the call? What is published openly, and what do you only reveal after a "
                    "form or a meeting?",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": {
            "title": "The Operations Data Platform: A Buyer's Primer (PDF)",
            "pages": [
                {
                    "heading": "Where the category came from",
                    "paragraphs": [
                        "For two decades, industrial companies integrated plant and business systems one "
                        "interface at a time. A typical mid-size manufacturer now has between 40 and 120 such "
                        "interfaces, each written for a single purpose and maintained by whoever remembers how "
                        "it works. Operations data platforms emerged to replace that web with a single layer "
                        "that is maintained as a product.",
                    ],
                },
                {
                    "heading": "Build, buy or extend what you have",
                    "paragraphs": [
                        "Some companies extend their ERP vendor's analytics or their historian's reporting "
                        "tools. This works when one vendor dominates the estate. Others build on a general "
                        "cloud data platform, which offers flexibility but leaves the operations model to "
                        "their own team. A dedicated platform makes sense when the estate is mixed, the data "
                        "team is small relative to the number of sites, or several previous attempts have "
                        "stalled after the first plant.",
                    ],
                },
                {
                    "heading": "A shortlisting worksheet",
                    "paragraphs": [
                        "List your ten most important source systems and mark, for each vendor, whether it "
                        "has a maintained connector, a documented custom route or nothing. List your five "
                        "most disputed measures and ask each vendor to show how its model would define them. "
                        "Ask for implementation plans, support terms and pricing structure in writing. A "
                        "vendor that publishes these openly is usually easier to work with later.",
                    ],
                },
            ],
        },
        "published": "2025-08-12",
        "review_by": "2027-02-12",
    },
    {
        "slug": "governed-by-design-operational-data",
        "title": "Governed by Design: Security, Lineage and Access for Operational Data",
        "format": "white_paper",
        "stage": "interest",
        "personas": ["head-of-data", "function-head"],
        "segments": ["enterprise", "europe"],
        "topics": ["data-governance-security"],
        "summary": (
            "Operational data was rarely governed because it rarely left the plant. Now that it feeds audited "
            "reports and AI models, it needs owners, lineage and access rules. This paper sets out a workable model."
        ),
        "sections": [
            {
                "heading": "Why operational data escaped governance",
                "paragraphs": [
                    "Most corporate data governance programmes began with customer and financial data, where "
                    "regulation forced the issue. Plant data stayed inside the plant, used by engineers who "
                    "understood its quirks. That has changed. Production, quality and energy figures now flow "
                    "into sustainability disclosures, customer quality portals and planning models, and their "
                    "errors travel with them. The governance gap is now a business risk, not a technical one.",
                ],
            },
            {
                "heading": "Four controls that matter most",
                "paragraphs": [
                    "Ownership: every measure that leaves a site has a named business owner and a written "
                    "definition. Lineage: any reported figure can be traced to the source readings and rules "
                    "that produced it, without asking an engineer to reconstruct it. Access: people see data "
                    "according to their role and site, and plant network boundaries are respected. Correction: "
                    "changes to recorded values are allowed but always attributed and reviewable. "
                    "These four cover the large majority of questions auditors, security teams and customers "
                    "ask, and they can be implemented without slowing production.",
                ],
            },
            {
                "heading": "How Keelstone implements them",
                "paragraphs": [
                    "In Keelstone, each measure in the library carries its owner, definition and version "
                    "history. Lineage is recorded automatically from connector to report, down to the "
                    "individual reading. Access is managed through your identity provider with site and role "
                    "scopes. Plant connections are made by an edge agent that opens outbound connections only, "
                    "so no inbound firewall rules are needed on the plant network. Corrections carry a reason "
                    "code and appear in the steward's review queue.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": {
            "title": "Governed by Design (PDF), with a control checklist",
            "pages": [
                {
                    "heading": "A maturity scale for operational data governance",
                    "paragraphs": [
                        "Level one: definitions live in people's heads and corrections are invisible. Level "
                        "two: key measures are written down, but lineage is reconstructed by hand when asked. "
                        "Level three: lineage and corrections are recorded by the system, and owners review "
                        "exceptions weekly. Level four: governance metrics such as correction rates and "
                        "unowned measures are reported alongside operational performance.",
                    ],
                },
                {
                    "heading": "Control checklist",
                    "paragraphs": [
                        "For each measure reported outside a site: is there a named owner, a written definition "
                        "and a version history? Can you trace last month's figure to its source readings in "
                        "under ten minutes? Do access rules follow your identity provider, or a separate list? "
                        "Are corrections attributed to a person and a reason? Are plant network boundaries "
                        "crossed only by outbound, encrypted connections?",
                    ],
                },
            ],
        },
        "published": "2025-10-21",
        "review_by": "2027-04-21",
    },
    {
        "slug": "from-forecast-to-floor-ai-assisted-planning",
        "title": "From Forecast to Floor: How AI-Assisted Planning Works in Practice",
        "format": "white_paper",
        "stage": "interest",
        "personas": ["transformational-leader", "vp-operations", "business-strategist"],
        "segments": ["discrete-manufacturing", "logistics"],
        "topics": ["ai-operations-planning", "supply-chain-visibility"],
        "summary": (
            "A practical account of how machine learning can help planners turn demand forecasts into daily "
            "schedules, what data it needs, and why the planner, not the model, should make the final call."
        ),
        "sections": [
            {
                "heading": "What planners actually spend time on",
                "paragraphs": [
                    "We timed the working day of 34 production and transport planners. On average they spent "
                    "38 percent of it gathering and checking information: stock positions, machine status, "
                    "late materials, driver availability. Another 27 percent went on routine sequencing that "
                    "followed well-known rules. Only about a fifth of their time went on the genuinely hard "
                    "decisions, such as which customer to disappoint when capacity runs short.",
                ],
            },
            {
                "heading": "Where a model helps",
                "paragraphs": [
                    "AI-assisted planning is most useful in the two time-consuming categories. Given connected "
                    "data on orders, capacity, materials and equipment condition, a model can propose a "
                    "sequence that respects hard constraints and learned preferences, such as grouping colours "
                    "to reduce changeovers. It can also flag the schedule's weak points: the orders that depend "
                    "on a late delivery or a machine that has been stopping more often. "
                    "The model learns preferences from planners' past decisions, including their overrides, "
                    "which is why it improves fastest at sites where planners engage with it critically.",
                ],
            },
            {
                "heading": "Where it should not decide",
                "paragraphs": [
                    "Trade-offs between customers, commitments that depend on commercial relationships, and "
                    "responses to events the model has never seen belong with people. A good planning system "
                    "makes those decisions easier to take by showing the consequences of each option, and "
                    "records them so the reasoning is visible later. It should never hide a trade-off inside "
                    "a single optimised answer.",
                ],
            },
        ],
        "figures": [
            {"value": "38%", "label": "of planners' time spent gathering and checking information"},
            {"value": "27%", "label": "spent on routine, rule-based sequencing"},
            {"value": "34", "label": "planners observed across manufacturing and logistics sites"},
        ],
        "faq": [],
        "case_study": None,
        "download": {
            "title": "From Forecast to Floor (PDF), including a data readiness checklist",
            "pages": [
                {
                    "heading": "Data an AI-assisted planner needs",
                    "paragraphs": [
                        "Open orders with due dates and priorities; routings and standard times; current stock "
                        "and inbound deliveries; equipment availability and recent stoppage history; shift "
                        "patterns and skills. For transport planning, add vehicle and driver availability, "
                        "depot slots and customer delivery windows. Most of this exists already. The work is "
                        "in connecting it and keeping it current.",
                    ],
                },
                {
                    "heading": "Readiness checklist",
                    "paragraphs": [
                        "Are standard times within ten percent of actuals for your main products? Is stoppage "
                        "data coded well enough to show which assets are unreliable? Do planners record why "
                        "they deviate from the plan? Is stock accurate to within two percent at the locations "
                        "that matter? If two or more answers are no, fix those first, because any model will "
                        "inherit the errors.",
                    ],
                },
            ],
        },
        "published": "2026-01-13",
        "review_by": "2027-01-13",
    },
    {
        "slug": "energy-baseline-auditors-will-accept",
        "title": "Webinar: Building an Energy Baseline Your Auditors Will Accept",
        "format": "webinar",
        "stage": "interest",
        "personas": ["business-strategist", "head-of-data"],
        "segments": ["europe", "utilities"],
        "topics": ["energy-sustainability-reporting", "data-governance-security"],
        "summary": (
            "A sustainability assurance partner, a utility's head of data and a Keelstone engineer walk through "
            "how to set an energy baseline that holds up under external assurance. 55 minutes, with questions."
        ),
        "sections": [
            {
                "heading": "Who is on the panel",
                "paragraphs": [
                    "Ingrid Maes leads sustainability assurance at a Brussels audit firm and has reviewed energy "
                    "and emissions disclosures for more than forty industrial companies. Sunil Rao is head of "
                    "data at Brightwater Utilities, which went through its first external assurance in 2025. "
                    "Hannah Cole is a Keelstone solutions engineer who has set up energy reporting at eleven "
                    "process and utility sites. The session is chaired by Keelstone's editor, Jo Marsh.",
                ],
            },
            {
                "heading": "What the session covers",
                "paragraphs": [
                    "Choosing a baseline year when the plant has changed since, and documenting the choice. "
                    "Handling meter gaps and replacements without inventing data. Allocating shared utilities "
                    "such as steam and compressed air to products or processes in a way an auditor can follow. "
                    "And the single most common finding Ingrid sees: figures that cannot be traced back to "
                    "source readings because they passed through several unversioned spreadsheets. "
                    "Sunil describes what Brightwater's auditors asked for in practice, and how long it took "
                    "his team to answer before and after they connected their meters.",
                ],
            },
            {
                "heading": "Watching and follow-up",
                "paragraphs": [
                    "The recording is free to watch with no registration. If you would like to be told about "
                    "future sessions on energy and sustainability reporting, you can leave your name and email "
                    "and choose that topic; we will not ask for anything else. The slides, including a "
                    "one-page baseline documentation template, are linked beneath the video.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-02-24",
        "review_by": "2027-02-24",
    },
    {
        "slug": "recovering-a-plant-schedule-in-30-days",
        "title": "Webinar: Recovering a Plant Schedule in 30 Days",
        "format": "webinar",
        "stage": "interest",
        "personas": ["turnaround-artist", "vp-operations"],
        "segments": ["mid-market", "discrete-manufacturing"],
        "topics": ["operational-resilience", "workforce-change"],
        "summary": (
            "Three operations leaders who inherited plants running weeks behind schedule explain what they did "
            "in the first month, what data they needed, and which habits they had to change on the floor."
        ),
        "sections": [
            {
                "heading": "The panel",
                "paragraphs": [
                    "Marcus Lindqvist took over a gearbox plant in Sweden with 1,900 orders past due. Priya "
                    "Natarajan became operations director at a Michigan stamping business after two consecutive "
                    "quarters of missed delivery targets. Gareth Evans was brought into a Welsh electronics "
                    "assembler when its largest customer put it on formal notice. Each recovered on-time "
                    "delivery to above 90 percent within about a month, and each did it differently.",
                ],
            },
            {
                "heading": "Common ground",
                "paragraphs": [
                    "All three started by establishing one list of late orders that everyone agreed was true, "
                    "which took between three and eight days. All three moved the daily production meeting to "
                    "the floor and limited it to fifteen minutes. All three stopped expediting by phone and "
                    "made every priority change visible on the shared list, so supervisors were not pulled in "
                    "four directions by four managers. "
                    "Priya's team found that a quarter of the late orders were already made and sitting in "
                    "dispatch, waiting for paperwork that nobody owned.",
                ],
            },
            {
                "heading": "Where Keelstone fits",
                "paragraphs": [
                    "Two of the three panellists used Keelstone to build the shared view of late orders, "
                    "connecting production, ERP and dispatch data at one site in under three weeks. The third "
                    "did it with a spreadsheet and a very determined analyst, and explains frankly why that "
                    "worked for a month and then stopped scaling. The recording runs 48 minutes and needs no "
                    "registration to watch.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-04-14",
        "review_by": "2027-04-14",
    },
    {
        "slug": "keelstone-platform-overview",
        "title": "Keelstone Platform: Product Overview",
        "format": "product_overview",
        "stage": "interest",
        "personas": ["function-head", "vp-operations", "head-of-data"],
        "segments": [],
        "topics": ["plant-data-integration", "supply-chain-visibility"],
        "summary": (
            "What the Keelstone platform does, the parts it is made of, who uses it day to day, and what it "
            "deliberately does not try to do. Plain description, no demo request required."
        ),
        "sections": [
            {
                "heading": "The job Keelstone is hired for",
                "paragraphs": [
                    "Operations leaders hire Keelstone so that everyone from the line supervisor to the chief "
                    "executive works from the same, trustworthy operational numbers. Keelstone reads data from "
                    "plant-floor, ERP, warehouse, transport and maintenance systems, maps it into a shared "
                    "model of your assets, materials, orders and shifts, and calculates agreed measures once. "
                    "Reports, planning tools and people then use those measures instead of re-deriving them.",
                ],
            },
            {
                "heading": "The parts",
                "paragraphs": [
                    "Keelstone Connect provides more than 180 maintained connectors and an edge agent that "
                    "reads plant systems over outbound connections only. The Operations Model maps identifiers "
                    "across systems and is maintained by Keelstone as your sites change. The Measures Library "
                    "holds definitions, owners and version history for each measure. Views gives supervisors, "
                    "planners and executives role-based screens. Keelstone Plan, sold separately, adds "
                    "AI-assisted scheduling and capacity planning.",
                ],
            },
            {
                "heading": "What Keelstone does not do",
                "paragraphs": [
                    "Keelstone does not control machines or write back to plant systems; it reads. It does not "
                    "replace your ERP, production system or historian, and we will tell you if a problem is "
                    "better solved there. It is not a general-purpose business intelligence tool, though it "
                    "feeds the one you already use through standard interfaces. Knowing these boundaries "
                    "early saves everyone time.",
                ],
            },
        ],
        "figures": [
            {"value": "180+", "label": "maintained connectors"},
            {"value": "600+", "label": "sites connected"},
            {"value": "12 weeks", "label": "typical time to first site live"},
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2025-06-03",
        "review_by": "2026-12-03",
    },
    {
        "slug": "keelstone-plan-product-overview",
        "title": "Keelstone Plan: AI-Assisted Operations Planning",
        "format": "product_overview",
        "stage": "interest",
        "personas": ["vp-operations", "transformational-leader"],
        "segments": [],
        "topics": ["ai-operations-planning"],
        "summary": (
            "Keelstone Plan proposes production and transport schedules, flags the weak points in each plan and "
            "explains its reasoning, while planners stay in charge. Here is what it does and what it needs."
        ),
        "sections": [
            {
                "heading": "What Keelstone Plan does",
                "paragraphs": [
                    "Each morning, or whenever something changes, Keelstone Plan proposes a schedule for the "
                    "planning horizon you choose, typically one to fourteen days. It respects hard constraints "
                    "such as capacity, materials, shifts and delivery windows, and learns softer preferences "
                    "from your planners' past decisions. Alongside the proposal it lists the orders at risk "
                    "and the reasons, so the planner starts the day with the problems rather than the routine.",
                ],
            },
            {
                "heading": "How planners work with it",
                "paragraphs": [
                    "Planners can accept a proposal, change it or reject it. Every change is recorded with an "
                    "optional reason, and those reasons are the main way the model learns. For any recommended "
                    "move, the planner can open an explanation showing the constraints and preferences that "
                    "drove it. Scenario mode lets a planner ask what happens if a machine is down for a shift "
                    "or a supplier delivery slips, and compare outcomes side by side.",
                ],
            },
            {
                "heading": "What it needs from you",
                "paragraphs": [
                    "Keelstone Plan runs on top of the Keelstone platform, so your orders, capacity, stock and "
                    "equipment data must be connected first. Most customers add Plan three to six months after "
                    "their first site goes live. It works best where standard times are reasonably accurate "
                    "and stoppages are coded. We will tell you honestly if your data is not ready yet, and what "
                    "to fix first.",
                ],
            },
        ],
        "figures": [
            {"value": "1-14 days", "label": "planning horizons supported"},
            {"value": "3-6 months", "label": "typical time after first site before adding Plan"},
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-05-19",
        "review_by": "2027-05-19",
    },
    # ------------------------------------------------------------------ Evaluation
    {
        "slug": "keelstone-implementation-week-by-week",
        "title": "How a Keelstone Implementation Runs, Week by Week",
        "format": "technical_brief",
        "stage": "evaluation",
        "personas": ["function-head", "head-of-data", "vp-operations"],
        "segments": [],
        "topics": ["legacy-modernisation", "workforce-change"],
        "summary": (
            "The standard twelve-week plan for a first Keelstone site: what happens each week, who from your "
            "team is needed and for how long, and what can delay it. Published in full so you can judge the effort."
        ),
        "sections": [
            {
                "heading": "Weeks 1 to 4: discovery and connection",
                "paragraphs": [
                    "Weeks one and two are discovery. Your Keelstone implementation lead and solution engineer "
                    "spend three days on site, walk the lines, list source systems and agree the first ten "
                    "measures with your operations team. Your IT contact prepares a virtual machine for the "
                    "edge agent and approves outbound network access. In weeks three and four the connectors "
                    "are configured and historical data, usually the past 13 months, is loaded.",
                ],
            },
            {
                "heading": "Weeks 5 to 9: model, measures and validation",
                "paragraphs": [
                    "Weeks five to seven build the operations model for the site: assets, materials, orders "
                    "and shifts mapped across systems. Measure definitions are written, reviewed and signed "
                    "off by their owners. Weeks eight and nine are validation. Two or three supervisors compare "
                    "Keelstone's figures with their own records for every shift, and each difference is "
                    "explained or fixed. This is the most important part of the project and we do not shorten it. "
                    "Training for site analysts and data stewards runs in parallel during weeks seven to nine.",
                ],
            },
            {
                "heading": "Weeks 10 to 12: go-live and handover",
                "paragraphs": [
                    "Week ten switches the morning meeting to Keelstone views, with the old reports kept "
                    "alongside for one week. Weeks eleven and twelve are hypercare: the implementation lead "
                    "attends daily meetings, fixes issues within a day and trains supervisors on shift. At the "
                    "end of week twelve the site moves to your support tier and a customer success manager "
                    "takes over. Later sites reuse the model and typically take four to six weeks.",
                ],
            },
            {
                "heading": "What we need from your team",
                "paragraphs": [
                    "A project owner for about two days a week throughout. A site data champion, often a "
                    "process engineer or analyst, for about a day a week. An IT contact for three to five days "
                    "in total, mostly in weeks one to four. Two or three supervisors for roughly four hours "
                    "each during validation. The most common cause of delay is network access approval, so we "
                    "ask for it in the first week.",
                ],
            },
        ],
        "figures": [
            {"value": "12 weeks", "label": "first site, from kickoff to handover"},
            {"value": "4-6 weeks", "label": "each additional site"},
            {"value": "2 days/week", "label": "customer project owner time"},
        ],
        "faq": [],
        "case_study": None,
        "download": {
            "title": "Keelstone implementation plan and RACI (PDF)",
            "pages": [
                {
                    "heading": "Week-by-week plan",
                    "paragraphs": [
                        "Week 1: kickoff, system inventory, network request raised. Week 2: site walk, first "
                        "ten measures agreed, edge agent installed. Weeks 3 to 4: connectors configured, 13 "
                        "months of history loaded. Weeks 5 to 7: operations model built, measures signed off. "
                        "Weeks 8 to 9: shift-by-shift validation with supervisors. Week 10: go-live in the "
                        "morning meeting. Weeks 11 to 12: hypercare, then handover to support.",
                    ],
                },
                {
                    "heading": "Responsibilities",
                    "paragraphs": [
                        "Keelstone is responsible for connector configuration, the operations model, measure "
                        "implementation, training delivery and hypercare. The customer is responsible for "
                        "network and system access, measure ownership and sign-off, validation time from "
                        "supervisors and nominating people for training. Both share responsibility for the "
                        "go-live decision, which is made at the end of week nine against written criteria.",
                    ],
                },
                {
                    "heading": "Go-live criteria",
                    "paragraphs": [
                        "Every agreed measure matches the site's own records for ten consecutive shifts, or "
                        "each difference is explained and accepted by the measure owner. Data arrives within "
                        "the agreed latency, normally under five minutes for plant systems and under one hour "
                        "for ERP. At least one supervisor per shift has completed the viewer session. The "
                        "project owner and site manager both sign.",
                    ],
                },
            ],
        },
        "published": "2025-09-23",
        "review_by": "2027-03-23",
    },
    {
        "slug": "support-tiers-and-response-times",
        "title": "Support Tiers and Response Times, in Full",
        "format": "faq",
        "stage": "evaluation",
        "personas": ["function-head", "vp-operations"],
        "segments": [],
        "topics": ["operational-resilience"],
        "summary": (
            "Every Keelstone support tier, its hours, response targets, uptime commitments and price, published "
            "without a form. Read this before you ask us, so the conversation can start further along."
        ),
        "sections": [
            {
                "heading": "Why we publish this",
                "paragraphs": [
                    "Operations teams run around the clock, and the question of what happens when something "
                    "breaks at 2am is a fair one to ask before signing anything. Buyers tell us that support "
                    "terms are usually hidden until the contract stage, which makes them hard to compare. We "
                    "would rather you knew exactly what each tier includes now, and chose the one that fits "
                    "how critical Keelstone will be to your operation.",
                ],
            },
            {
                "heading": "Choosing a tier",
                "paragraphs": [
                    "Most mid-market customers start on Standard and move to Enhanced once Keelstone is part of the "
                    "morning meeting at several sites, usually within the first year. Enhanced is the better "
                    "starting point if any site runs nights and weekends and supervisors will rely on Keelstone "
                    "views on those shifts. Mission Critical is designed for customers who publish daily schedules "
                    "from Keelstone Plan or feed regulatory reports directly from Keelstone, where an hour without "
                    "data has a measurable cost. You can change tier at any contract anniversary.",
                ],
            },
        ],
        "figures": [
            {"value": "2 hrs", "label": "P1 response, Standard"},
            {"value": "30 min", "label": "P1 response, Enhanced, 24x7"},
            {"value": "15 min", "label": "P1 response, Mission Critical, 24x7"},
        ],
        "faq": [
            {
                "question": "What support tiers does Keelstone offer?",
                "answer": (
                    "Three. Standard is included in every subscription. Enhanced costs 12 percent of the annual "
                    "subscription and adds 24x7 cover for urgent issues, a phone line and a named customer "
                    "success manager. Mission Critical costs 20 percent and adds a named support engineer who "
                    "knows your environment, quarterly health checks and the tightest response targets."
                ),
            },
            {
                "question": "What are the response times?",
                "answer": (
                    "Standard: P1 within 2 hours, P2 within 4 business hours, P3 next business day, P4 within "
                    "3 business days, all during 08:00 to 18:00 local time on weekdays. Enhanced: P1 within 30 "
                    "minutes and P2 within 2 hours at any time, P3 within 4 business hours. Mission Critical: "
                    "P1 within 15 minutes and P2 within 1 hour at any time, P3 within 2 business hours."
                ),
            },
            {
                "question": "How are severity levels defined?",
                "answer": (
                    "P1: Keelstone is unavailable, or data has stopped updating for a site that is running. P2: "
                    "a major function is impaired for many users, such as a view or connector failing, with no "
                    "reasonable workaround. P3: a problem affecting a few users or with a workaround. P4: a "
                    "question, configuration request or minor defect. You set the severity when raising a "
                    "case, and we only downgrade it with your agreement."
                ),
            },
            {
                "question": "What uptime do you commit to, and what happens if you miss it?",
                "answer": (
                    "Standard targets 99.5 percent monthly availability. Enhanced commits to 99.9 percent and "
                    "Mission Critical to 99.95 percent, both with service credits of 5 percent of the monthly "
                    "fee for each 0.1 percentage point missed, capped at 30 percent. Planned maintenance is "
                    "announced ten days ahead and scheduled outside your sites' main shifts where possible."
                ),
            },
            {
                "question": "Who answers when we call?",
                "answer": (
                    "A Keelstone support engineer, not a call centre. Our support team of 34 engineers works "
                    "from Manchester, Rotterdam and Columbus, and most have worked with plant or logistics "
                    "systems. Cases that need product changes go to the relevant engineering team with the "
                    "support engineer staying as your single point of contact."
                ),
            },
        ],
        "case_study": None,
        "download": None,
        "published": "2025-11-18",
        "review_by": "2027-05-18",
    },
    {
        "slug": "connector-coverage-plant-erp-logistics",
        "title": "Connector Coverage: The Plant, ERP and Logistics Systems Keelstone Reads",
        "format": "technical_brief",
        "stage": "evaluation",
        "personas": ["head-of-data", "function-head"],
        "segments": ["discrete-manufacturing", "process-manufacturing"],
        "topics": ["plant-data-integration", "legacy-modernisation"],
        "summary": (
            "Which system types and protocols Keelstone reads with maintained connectors, how the edge agent "
            "works, what latency to expect and what happens when a system has no connector."
        ),
        "sections": [
            {
                "heading": "Maintained connectors by system type",
                "paragraphs": [
                    "Keelstone maintains more than 180 connectors across eleven system types: process "
                    "historians, manufacturing execution, quality and laboratory systems, maintenance "
                    "management, ERP, warehouse management, transport management, telematics, energy and "
                    "utility metering, building management and supplier portals. A maintained connector means "
                    "we test it against each supported version of the source system, fix it when the source "
                    "changes and cover it under your support tier. The full list by vendor and version is "
                    "in the customer documentation and available to any evaluator on request.",
                ],
            },
            {
                "heading": "Protocols and the edge agent",
                "paragraphs": [
                    "On the plant network, the Keelstone edge agent reads OPC UA, MQTT, Modbus TCP and common "
                    "database and file interfaces. It runs on a small virtual machine or an industrial PC, "
                    "buffers up to 14 days of data if the connection drops and opens outbound encrypted "
                    "connections only. For business systems we use their published APIs or read-only database "
                    "access, agreed with your IT team during discovery. "
                    "Typical latency is under one minute for plant signals and under fifteen minutes for ERP "
                    "transactions, though some ERP interfaces only allow hourly extracts.",
                ],
            },
            {
                "heading": "When there is no connector",
                "paragraphs": [
                    "Older or bespoke systems often have no connector. In those cases we use a documented "
                    "custom route: a scheduled database view, a file export or a small adapter written against "
                    "our connector toolkit. Custom routes are quoted separately and you own the adapter code. "
                    "In the past year, 81 percent of first-site implementations needed no custom work and the "
                    "rest needed one or two routes, most often for a home-grown production reporting database.",
                ],
            },
        ],
        "figures": [
            {"value": "180+", "label": "maintained connectors across 11 system types"},
            {"value": "14 days", "label": "edge agent buffer if the connection drops"},
            {"value": "81%", "label": "of first sites needed no custom connector work"},
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-03-03",
        "review_by": "2026-12-03",
    },
    {
        "slug": "security-architecture-and-data-residency",
        "title": "Security Architecture and Data Residency",
        "format": "technical_brief",
        "stage": "evaluation",
        "personas": ["head-of-data", "function-head"],
        "segments": ["europe", "enterprise"],
        "topics": ["data-governance-security"],
        "summary": (
            "How Keelstone protects plant networks and operational data: network design, encryption, identity, "
            "hosting regions, certifications and what our staff can and cannot see. Written for security reviewers."
        ),
        "sections": [
            {
                "heading": "Protecting the plant network",
                "paragraphs": [
                    "The edge agent sits in your plant's industrial demilitarised zone or on a network segment "
                    "you choose. It initiates outbound TLS 1.3 connections to your Keelstone tenant and accepts "
                    "no inbound connections, so no firewall openings into the plant are required. It reads only; "
                    "it has no capability to write to control systems. Agent updates are signed, and you can "
                    "require approval before any update is applied to a site.",
                ],
            },
            {
                "heading": "Hosting, residency and isolation",
                "paragraphs": [
                    "Customers choose one of three hosting regions: European Union, with data centres in Germany "
                    "and Ireland; United Kingdom; or North America, with data centres in the United States and "
                    "Canada. Data, backups and logs stay in the chosen region. Each customer has a logically "
                    "isolated tenant with its own encryption keys, and enterprise customers can hold those keys "
                    "in their own key management service. A customer-managed deployment is available for sites "
                    "that cannot use cloud hosting.",
                ],
            },
            {
                "heading": "Identity, access and certifications",
                "paragraphs": [
                    "Users sign in through your identity provider using SAML or OpenID Connect; Keelstone stores "
                    "no passwords for your staff. Keelstone engineers can access a tenant only through a "
                    "time-limited grant that you approve, and every action is logged and visible to you. We are "
                    "certified to ISO/IEC 27001, publish an annual SOC 2 Type II report and commission an "
                    "independent penetration test each year, with summaries available under a standard "
                    "confidentiality agreement.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": {
            "title": "Keelstone security architecture brief (PDF)",
            "pages": [
                {
                    "heading": "Architecture summary",
                    "paragraphs": [
                        "Edge agent in the plant DMZ, outbound TLS 1.3 only, read-only access to source systems, "
                        "14-day local buffer encrypted at rest. Regional cloud tenant with per-customer "
                        "encryption keys, optional customer-held keys, daily encrypted backups retained for 35 "
                        "days in the same region. Role- and site-scoped access through the customer's identity "
                        "provider. Full audit log retained for two years and exportable.",
                    ],
                },
                {
                    "heading": "Answers to common questionnaire items",
                    "paragraphs": [
                        "Sub-processors are limited to our cloud hosting provider in the chosen region and our "
                        "support ticketing service; the list is published and changes are notified 30 days "
                        "ahead. Vulnerabilities rated critical are patched within 72 hours. Security incidents "
                        "affecting customer data are notified within 24 hours of confirmation. Staff with "
                        "production access are background-checked and complete security training twice a year.",
                    ],
                },
            ],
        },
        "published": "2026-04-28",
        "review_by": "2027-04-28",
    },
    {
        "slug": "keelstone-training-programme",
        "title": "The Keelstone Training Programme: Roles, Hours and Certification",
        "format": "article",
        "stage": "evaluation",
        "personas": ["function-head", "vp-operations", "head-of-data"],
        "segments": [],
        "topics": ["workforce-change"],
        "summary": (
            "Who gets trained, for how long, in what format and at what cost, from a 90-minute session for "
            "supervisors to certification for data stewards and administrators. The full programme, openly."
        ),
        "sections": [
            {
                "heading": "Training by role",
                "paragraphs": [
                    "Viewers, typically supervisors, shift leads and managers, attend a 90-minute session on "
                    "shift, in front of the screens they will use. Site analysts complete two days covering "
                    "views, measure drill-down and building their own analyses. Data stewards take three days "
                    "on the operations model, quality rules, correction review and lineage, followed by a "
                    "certification exam. Administrators take four days covering connectors, access, the edge "
                    "agent and monitoring.",
                ],
            },
            {
                "heading": "Keelstone Plan training",
                "paragraphs": [
                    "Planners adopting Keelstone Plan take two days of classroom training, then four weeks of "
                    "coached use in which a Keelstone planning specialist joins their morning planning session "
                    "twice a week. The coaching matters more than the classroom. Planners learn to read the "
                    "model's explanations, record useful override reasons and use scenario mode under real "
                    "pressure, which no training environment reproduces.",
                ],
            },
            {
                "heading": "What is included and what costs extra",
                "paragraphs": [
                    "Training for the first site's viewers, up to four analysts, two data stewards and two "
                    "administrators is included in the implementation fee. Keelstone Academy, our self-paced "
                    "online courses, is free to every user at every site for as long as you are a customer. "
                    "Additional classroom places cost a fixed fee per person per day, listed on the pricing "
                    "page, and we will train your own trainers if you prefer to run sessions internally. "
                    "Certified data stewards and administrators recertify every two years with a short online exam.",
                ],
            },
        ],
        "figures": [
            {"value": "90 min", "label": "viewer session, delivered on shift"},
            {"value": "3 days", "label": "data steward course plus certification"},
            {"value": "4 weeks", "label": "coached use for Keelstone Plan planners"},
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-06-09",
        "review_by": "2027-06-09",
    },
    {
        "slug": "harlow-components-unplanned-downtime",
        "title": "Harlow Components: 31% Less Unplanned Downtime in Nine Months",
        "format": "case_study",
        "stage": "evaluation",
        "personas": ["vp-operations", "turnaround-artist"],
        "segments": ["discrete-manufacturing", "mid-market"],
        "topics": ["operational-resilience", "plant-data-integration"],
        "summary": (
            "A three-plant precision components maker connected machine, maintenance and ERP data, fixed how "
            "stoppages were coded, and cut unplanned downtime by 31% in nine months."
        ),
        "sections": [],
        "figures": [],
        "faq": [],
        "case_study": {
            "customer": "Harlow Components",
            "outcome": "Harlow Components cut unplanned downtime by 31% in nine months across its three plants, worth £1.9 million a year.",
            "outcome_metrics": [
                {"value": "31%", "label": "less unplanned downtime"},
                {"value": "£1.9m", "label": "annual saving"},
                {"value": "41% to 6%", "label": "share of downtime with no cause"},
                {"value": "86% to 94%", "label": "on-time delivery"},
            ],
            "before": [
                "Harlow Components machines precision parts for agricultural and construction equipment at "
                "three plants in the West Midlands, with 1,100 staff. Two plants ran a production system "
                "installed in 2006; the third still used paper job cards. Maintenance work orders lived in a "
                "separate system that production supervisors could not open, and each plant calculated "
                "downtime differently.",
                "Supervisors spent the first hour of every day reconciling yesterday's output. Forty-one "
                "percent of downtime minutes had no usable cause, so the maintenance team could not see "
                "which machines failed repeatedly, and on-time delivery had slipped to 86 percent.",
            ],
            "after": [
                "Harlow connected its Kidderminster plant first, in twelve weeks, linking machine signals "
                "through the Keelstone edge agent with the production system, the maintenance system and "
                "ERP. The other two plants followed in five weeks each, reusing the same operations model. "
                "For the paper-based plant, machine signals provided run and stop times automatically and "
                "supervisors added causes on tablets at the line.",
                "Before go-live, operations and maintenance agreed 24 downtime cause codes to replace more "
                "than 90 local ones. Every stop longer than five minutes now had to be coded within the "
                "shift, and the morning meeting reviewed uncoded stops first.",
                "Each Thursday, maintenance and production leads reviewed repeat faults together using a "
                "single Keelstone view that showed stoppages alongside work order history for each machine.",
            ],
            "close_the_loop": [
                "Nine months after the first plant went live, unplanned downtime across the three plants was "
                "31 percent lower, worth about £1.9 million a year in recovered output and reduced overtime. "
                "Uncoded downtime fell from 41 percent to 6 percent, and on-time delivery rose from 86 to 94 "
                "percent.",
                "The morning meeting shrank from 45 minutes to 20, and supervisors now spend that first hour "
                "on the floor. Harlow is adding Keelstone Plan at Kidderminster to schedule around the "
                "machines that the repeat-fault reviews identified as least reliable.",
            ],
            "quotes": [
                {
                    "text": "We had been arguing about downtime numbers for years. Within a month of go-live we were arguing about what to do about them instead, which is a much better argument to have.",
                    "name": "Dawn Prescott",
                    "role": "Operations Director",
                    "organisation": "Harlow Components",
                },
                {
                    "text": "The Thursday review changed my job. I can see which spindle stopped six times last week and what we did to it each time, without walking round three offices.",
                    "name": "Imran Qureshi",
                    "role": "Maintenance Manager, Kidderminster",
                    "organisation": "Harlow Components",
                },
            ],
        },
        "download": None,
        "published": "2025-05-27",
        "review_by": "2026-11-27",
    },
    {
        "slug": "brightwater-utilities-energy-reporting",
        "title": "Brightwater Utilities: Energy Reporting Closed in Three Weeks, Not Fourteen",
        "format": "case_study",
        "stage": "evaluation",
        "personas": ["business-strategist", "head-of-data"],
        "segments": ["utilities", "north-america"],
        "topics": ["energy-sustainability-reporting", "data-governance-security"],
        "summary": (
            "A regional water utility connected 2,300 meter points and three control systems, and now closes its "
            "annual energy and emissions figures in three weeks with a clean external assurance."
        ),
        "sections": [],
        "figures": [],
        "faq": [],
        "case_study": {
            "customer": "Brightwater Utilities",
            "outcome": "Brightwater Utilities cut its annual energy and emissions reporting close from 14 weeks to 3 and passed its first external assurance with no findings.",
            "outcome_metrics": [
                {"value": "14 to 3", "label": "weeks to close annual energy figures"},
                {"value": "0", "label": "findings at first external assurance"},
                {"value": "6%", "label": "less pumping energy per megalitre"},
                {"value": "2,300", "label": "meter points connected"},
            ],
            "before": [
                "Brightwater Utilities supplies water and wastewater services to 840,000 people in the US "
                "Pacific Northwest. Electricity for pumping and treatment is its largest operating cost after "
                "staff. Energy data came from utility bills, three separate control systems and a handful of "
                "portable loggers, and was assembled each year by eleven people working through a chain of "
                "spreadsheets.",
                "When the state regulator and the utility's bond investors began asking for assured emissions "
                "figures, the head of data could not show how any reported number had been calculated "
                "without rebuilding the workbook by hand.",
            ],
            "after": [
                "Brightwater connected 2,300 meter points and its three control systems to Keelstone over "
                "five months, starting with the 40 pump stations that used the most energy. Historical data "
                "back to the baseline year was loaded and gaps were recorded as gaps, not filled with estimates.",
                "Finance, operations and the utility's assurance provider agreed allocation rules for shared "
                "loads before any figures were produced. Each rule became a versioned measure in Keelstone, "
                "so every reported figure could be traced to its meter readings and the rule version applied.",
                "Operations teams began reviewing energy per megalitre for each pump station every morning, "
                "alongside flow and pressure.",
            ],
            "close_the_loop": [
                "The annual energy and emissions close now takes three weeks instead of fourteen, and involves "
                "three people rather than eleven. Brightwater's first external assurance raised no findings, "
                "and the assurance provider's sampling took two days instead of the scheduled week.",
                "Daily visibility had an operational payoff too: pump scheduling changes and two failing "
                "pumps identified from their energy signatures reduced pumping energy per megalitre by six "
                "percent in the first year.",
            ],
            "quotes": [
                {
                    "text": "The auditor picked a number from our report and we showed her every meter reading behind it in about a minute. That was the moment I knew we were done with spreadsheets.",
                    "name": "Sunil Rao",
                    "role": "Head of Data",
                    "organisation": "Brightwater Utilities",
                },
            ],
        },
        "download": None,
        "published": "2025-12-09",
        "review_by": "2027-06-09",
    },
    {
        "slug": "castlemere-freight-on-time-collection",
        "title": "Castlemere Freight: 97% On-Time Collection Across 22 Depots",
        "format": "case_study",
        "stage": "evaluation",
        "personas": ["vp-operations", "transformational-leader"],
        "segments": ["logistics", "europe"],
        "topics": ["supply-chain-visibility", "ai-operations-planning"],
        "summary": (
            "A European road freight operator connected depot, fleet and customer systems, then used Keelstone "
            "Plan for daily transport planning. On-time collection rose to 97.2% and empty running fell by 11%."
        ),
        "sections": [],
        "figures": [],
        "faq": [],
        "case_study": {
            "customer": "Castlemere Freight",
            "outcome": "Castlemere Freight raised on-time collection from 91.5% to 97.2% and cut empty running by 11% within a year.",
            "outcome_metrics": [
                {"value": "97.2%", "label": "on-time collection, up from 91.5%"},
                {"value": "11%", "label": "less empty running"},
                {"value": "4 min", "label": "to answer a customer status query, down from 38"},
            ],
            "before": [
                "Castlemere Freight runs road freight and contract logistics from 22 depots in the "
                "Netherlands, Belgium and Germany, with 3,400 staff and around 1,100 vehicles. Each depot "
                "planned its own routes using the transport system, local spreadsheets and phone calls to "
                "neighbouring depots when it needed a spare vehicle.",
                "Customer service could not see warehouse status, so a query about a delayed collection "
                "took 38 minutes on average to answer. Vehicles often returned empty from routes where "
                "another depot had loads waiting.",
            ],
            "after": [
                "Castlemere first connected its transport management system, warehouse systems, vehicle "
                "telematics and customer booking portal to Keelstone, depot by depot, over seven months. "
                "Customer service gained a single view of every consignment from booking to proof of "
                "delivery.",
                "Once status data was reliable, Castlemere introduced Keelstone Plan at four pilot depots "
                "and then across its network. Each afternoon Plan proposes the next day's collections and "
                "highlights backhaul opportunities from neighbouring depots; planners accept, adjust or "
                "reject each proposal and record why.",
            ],
            "close_the_loop": [
                "Within a year, on-time collection rose from 91.5 to 97.2 percent and empty running fell by "
                "11 percent, saving about 2.4 million kilometres a year. The time to answer a customer status "
                "query dropped from 38 minutes to four.",
                "Planners now finish the next day's plan around 90 minutes earlier, and Castlemere's two "
                "largest retail customers have extended their contracts, citing the new status visibility.",
            ],
            "quotes": [
                {
                    "text": "Plan does not replace my planners. It stops them spending the afternoon on the phone to other depots, so they can think about the loads that are actually difficult.",
                    "name": "Eva de Vries",
                    "role": "Director of Network Operations",
                    "organisation": "Castlemere Freight",
                },
                {
                    "text": "I overruled it a lot in the first month. By the third month I was mostly accepting, because it had learned the things I kept telling it.",
                    "name": "Jonas Weber",
                    "role": "Transport Planner, Duisburg depot",
                    "organisation": "Castlemere Freight",
                },
            ],
        },
        "download": None,
        "published": "2026-07-07",
        "review_by": "2027-07-07",
    },
    {
        "slug": "how-keelstone-plan-explains-recommendations",
        "title": "How Keelstone Plan Makes, Explains and Checks a Recommendation",
        "format": "technical_brief",
        "stage": "evaluation",
        "personas": ["head-of-data", "transformational-leader"],
        "segments": [],
        "topics": ["ai-operations-planning", "data-governance-security"],
        "summary": (
            "For data and risk teams assessing Keelstone Plan: the model architecture, training data, how "
            "explanations are produced, how performance is monitored and what happens when it drifts."
        ),
        "sections": [
            {
                "heading": "Two layers: rules and learning",
                "paragraphs": [
                    "Keelstone Plan combines a constraint solver with learned preferences. The solver enforces "
                    "hard constraints that must never be broken, such as machine capacity, material "
                    "availability, shift patterns and delivery windows. A learned layer, trained on each "
                    "site's own planning history, scores feasible schedules by how closely they match what "
                    "experienced planners prefer. This design means a recommendation can be unusual but never "
                    "physically impossible.",
                ],
            },
            {
                "heading": "Explanations and overrides",
                "paragraphs": [
                    "Every recommended move comes with an explanation listing the binding constraints and the "
                    "strongest preferences that shaped it, in plain language such as 'grouped with order "
                    "88214 to avoid a colour change'. Overrides are stored with the planner's reason and feed "
                    "the next training cycle. Your data team can export all recommendations, explanations and "
                    "overrides for independent analysis. "
                    "Models are trained only on your own data. We do not pool customer planning histories "
                    "across tenants.",
                ],
            },
            {
                "heading": "Monitoring and drift",
                "paragraphs": [
                    "Plan tracks its acceptance rate, the share of accepted recommendations later changed, and "
                    "schedule adherence, for each site. If acceptance falls by more than fifteen points over "
                    "two weeks, or input data quality drops below agreed thresholds, the site's data steward "
                    "is alerted and recommendations are marked as under review. Models are retrained monthly "
                    "by default and each version is kept, so any past recommendation can be reproduced.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-08-18",
        "review_by": "2027-08-18",
    },
]
