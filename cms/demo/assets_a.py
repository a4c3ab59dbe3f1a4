"""Keelstone demo assets, part A: Epiphany and Awareness stages."""

ASSETS = [
    # ------------------------------------------------------------------ Epiphany
    {
        "slug": "the-trust-gap-operations-data-2025",
        "title": "The Trust Gap: How Operations Leaders Rate Their Own Data",
        "format": "research_report",
        "stage": "epiphany",
        "personas": ["vp-operations", "head-of-data", "business-strategist"],
        "segments": ["enterprise"],
        "topics": ["plant-data-integration", "data-governance-security"],
        "summary": (
            "We surveyed 412 operations, supply chain and data leaders at industrial companies. Most do not "
            "trust the production figure in their own morning meeting, and they spend hours each week proving it."
        ),
        "sections": [
            {
                "heading": "What we asked, and whom",
                "paragraphs": [
                    "Between September and November 2024 an independent research panel interviewed 412 leaders "
                    "at manufacturers, logistics operators and utilities with more than 500 staff, split roughly "
                    "evenly between Europe and North America. Respondents were not told who sponsored the study. "
                    "We asked how often they act on operational figures without checking them, how long "
                    "reconciliation takes, and whether a decision had been reversed in the past year because "
                    "the underlying number turned out to be wrong.",
                ],
            },
            {
                "heading": "The morning meeting problem",
                "paragraphs": [
                    "Sixty-one percent said they would not act on the daily output figure presented at their "
                    "morning meeting without first checking it against another source. Site managers reported "
                    "spending a median of 4.2 hours a week reconciling numbers between production, quality and "
                    "ERP reports. That is more than half a working day, every week, spent establishing what "
                    "happened yesterday rather than deciding what to do today.",
                    "The distrust is not irrational. Almost a quarter of respondents had reversed a material "
                    "decision in the past twelve months, such as a customer commitment, a maintenance deferral "
                    "or a staffing change, after discovering the figure behind it was wrong.",
                ],
            },
            {
                "heading": "Where trust breaks",
                "paragraphs": [
                    "Respondents pointed to three weak points. The first is timing: ERP postings often lag the "
                    "plant by a shift or more, so two honest reports disagree. The second is manual adjustment, "
                    "where scrap, rework or downtime is corrected in a spreadsheet that nobody else sees. The "
                    "third is definition drift, where 'good units' or 'available hours' mean slightly different "
                    "things at different sites, so group totals quietly mix incompatible figures.",
                ],
            },
            {
                "heading": "What the most trusted sites do differently",
                "paragraphs": [
                    "The quarter of sites whose leaders reported the highest trust shared a few habits. They "
                    "had written definitions for their top twenty measures, a named owner for each, and a "
                    "single place where figures were calculated rather than re-derived in each report. None "
                    "of this required new machinery on the line. It required agreeing what a number means "
                    "and then making one system responsible for it.",
                ],
            },
        ],
        "figures": [
            {"value": "61%", "label": "won't act on the morning output figure without checking it"},
            {"value": "4.2 hrs", "label": "per week each site manager spends reconciling reports"},
            {"value": "7", "label": "median systems feeding one plant's performance report"},
            {"value": "23%", "label": "reversed a decision last year because of a data error"},
        ],
        "faq": [],
        "case_study": None,
        "download": {
            "title": "The Trust Gap: full survey results and method",
            "pages": [
                {
                    "heading": "Method and sample",
                    "paragraphs": [
                        "Fieldwork ran from 9 September to 22 November 2024. The panel screened for people "
                        "with direct responsibility for operations, supply chain or data at companies with at "
                        "least 500 employees in manufacturing, logistics or utilities. Of 412 completed "
                        "interviews, 218 were in North America and 194 in Europe; 57 percent were at companies "
                        "with more than 2,000 staff.",
                        "Results are unweighted. Where we compare groups, differences smaller than eight "
                        "percentage points are within the margin of error and we do not report them as findings.",
                    ],
                },
                {
                    "heading": "Detailed findings by role",
                    "paragraphs": [
                        "Operations leaders were the least trusting group: 68 percent checked the morning "
                        "figure before acting. Data leaders were more confident in their systems but less "
                        "confident in how figures were used, with 52 percent saying reports were routinely "
                        "edited after leaving the system of record.",
                        "Supply chain leaders reported the longest reconciliation times, a median of 5.1 hours "
                        "a week, mostly spent matching shipment status between warehouse, carrier and ERP records.",
                    ],
                },
                {
                    "heading": "Questions to ask your own team",
                    "paragraphs": [
                        "Which three figures are presented at our morning meeting, and where is each one "
                        "calculated? Who would we ask if one of them looked wrong, and how long would it take "
                        "to get an answer? When did we last change a decision because a number turned out to "
                        "be wrong, and what did that cost? If the answers vary by site, you have found the "
                        "place to start.",
                    ],
                },
            ],
        },
        "published": "2025-01-21",
        "review_by": "2026-01-21",
    },
    {
        "slug": "cost-of-unplanned-downtime-mid-size-manufacturing",
        "title": "The Real Cost of Unplanned Downtime in Mid-Size Manufacturing",
        "format": "research_report",
        "stage": "epiphany",
        "personas": ["vp-operations", "turnaround-artist", "business-strategist"],
        "segments": ["discrete-manufacturing", "mid-market"],
        "topics": ["operational-resilience", "plant-data-integration"],
        "summary": (
            "Drawing on stoppage logs from 96 plants with 200 to 600 staff, we put a median price on an hour "
            "of unplanned downtime and show why more than a third of lost minutes never get a cause."
        ),
        "sections": [
            {
                "heading": "How we counted",
                "paragraphs": [
                    "Ninety-six discrete manufacturing plants in the UK, Germany, the Netherlands and the US Midwest "
                    "shared twelve months of stoppage logs, shift reports and standard cost data with us under a "
                    "confidentiality agreement. We counted any stop longer than five minutes that was not in the "
                    "production plan. Cost includes lost contribution on unmade units, overtime to recover, "
                    "expedited freight and scrap from restarts, but not longer-term customer effects.",
                ],
            },
            {
                "heading": "What an hour costs",
                "paragraphs": [
                    "The median plant lost 27 hours of unplanned downtime per line per quarter, at a median cost "
                    "of $22,400 per hour. The spread is wide: plants making high-mix machined parts lost less time "
                    "but paid more per hour, because restarts generated scrap and overtime. Plants running "
                    "high-volume assembly lost more hours but recovered more cheaply by shifting work between lines. "
                    "For a four-line plant at the median, unplanned downtime costs roughly $9.7 million a year, "
                    "which for most respondents was more than their entire annual capital budget for the site.",
                ],
            },
            {
                "heading": "The minutes nobody explains",
                "paragraphs": [
                    "Thirty-eight percent of downtime minutes carried no cause code, or a code such as 'other' "
                    "or 'see notes' with no notes. Uncoded minutes cluster at shift changes and on night shifts, "
                    "when supervisors are stretched. Without a cause, maintenance teams cannot see repeat faults, "
                    "and improvement projects target the stoppages that are easiest to explain rather than the "
                    "ones that cost the most. "
                    "Plants where maintenance and production records could be viewed together had 2.6 times fewer "
                    "repeat stoppages on the same asset within thirty days.",
                ],
            },
        ],
        "figures": [
            {"value": "$22,400", "label": "median cost of one hour of unplanned downtime"},
            {"value": "27 hrs", "label": "median unplanned downtime per line per quarter"},
            {"value": "38%", "label": "of downtime minutes logged with no usable cause"},
            {
                "value": "2.6x",
                "label": "fewer repeat stoppages where maintenance and production data meet",
            },
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2025-03-11",
        "review_by": "2026-03-11",
    },
    {
        "slug": "energy-reporting-readiness-survey-2025",
        "title": "Energy Reporting Readiness in European Process Industry",
        "format": "research_report",
        "stage": "epiphany",
        "personas": ["business-strategist", "head-of-data"],
        "segments": ["europe", "process-manufacturing"],
        "topics": ["energy-sustainability-reporting", "data-governance-security"],
        "summary": (
            "Sustainability disclosure now reaches the plant meter. Our survey of 184 European process "
            "manufacturers shows most still close their energy figures in spreadsheets, and few can trace a "
            "reported number back to its source."
        ),
        "sections": [
            {
                "heading": "Why this matters now",
                "paragraphs": [
                    "For years, site energy figures were an internal efficiency measure. Under current European "
                    "disclosure rules they increasingly appear in audited annual reports, where a restatement is "
                    "public and a weak audit trail becomes a qualified opinion. We asked 184 sustainability, "
                    "finance and operations leaders at chemicals, polymers, food and metals producers how their "
                    "energy and emissions figures are produced, checked and signed off.",
                ],
            },
            {
                "heading": "Spreadsheets at the centre",
                "paragraphs": [
                    "Seventy-two percent still compile site energy figures in spreadsheets, typically by "
                    "downloading meter exports, correcting gaps by hand and emailing a file to a central team. "
                    "The median company takes eleven weeks after year end to close its energy numbers, and "
                    "almost half had received an auditor query or issued a restatement in the past two years. "
                    "Only one respondent in three said they could trace a reported figure back to the meter "
                    "readings behind it without asking a site to reconstruct the calculation.",
                ],
            },
            {
                "heading": "Where readiness is better",
                "paragraphs": [
                    "The companies furthest ahead treated energy as operational data rather than a reporting "
                    "exercise. They read meters into the same system that records production, so energy per "
                    "tonne could be calculated daily and anomalies spotted within a shift. Their sustainability "
                    "teams spent their time on allocation methods and reduction plans instead of chasing files, "
                    "and their year-end close took four weeks or less.",
                ],
            },
        ],
        "figures": [
            {"value": "72%", "label": "compile site energy figures in spreadsheets"},
            {"value": "11 weeks", "label": "median time to close annual energy figures"},
            {"value": "1 in 3", "label": "can trace a reported figure back to the meter"},
            {"value": "44%", "label": "faced an auditor query or restatement in two years"},
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2025-06-17",
        "review_by": "2026-06-17",
    },
    {
        "slug": "planning-spreadsheet-risk-register",
        "title": "Your Planning Spreadsheet Is a Risk Register Nobody Reads",
        "format": "article",
        "stage": "epiphany",
        "personas": ["turnaround-artist", "vp-operations"],
        "segments": ["mid-market"],
        "topics": ["ai-operations-planning", "operational-resilience"],
        "summary": (
            "In most mid-size plants the real production plan lives in one planner's spreadsheet. That file "
            "holds the company's operational risks, and almost nobody outside planning ever sees them."
        ),
        "sections": [
            {
                "heading": "The file that runs the plant",
                "paragraphs": [
                    "Ask to see the production plan at a mid-size manufacturer and you will usually be shown an "
                    "ERP screen. Ask the planner how they actually decide what runs on Tuesday and you will be "
                    "shown a spreadsheet, often with forty tabs, colour codes only they understand and macros "
                    "written by a predecessor. That file quietly absorbs every constraint the formal systems "
                    "miss: the press that runs slow in summer, the customer who always pulls orders forward.",
                ],
            },
            {
                "heading": "Why it is a risk, not a tool",
                "paragraphs": [
                    "The spreadsheet works, which is exactly the problem. It records knowledge that exists "
                    "nowhere else, and it is maintained by one or two people. When a planner is ill, leaves or "
                    "simply has a bad week, the plant loses its memory. We have seen a single broken lookup "
                    "formula put 400 orders on the wrong line for three days before anyone noticed.",
                    "Because the logic is hidden, nobody can ask useful questions of it. Which orders are at "
                    "risk if the supplier of a key resin slips a week? The answer is in the file, but only "
                    "its author can find it.",
                ],
            },
            {
                "heading": "What to do before buying anything",
                "paragraphs": [
                    "Sit with your planners for a day and write down every rule they apply that is not in a "
                    "system. Most plants find between thirty and eighty. Then ask which of those rules matter "
                    "most when things go wrong. That list is your real risk register, and it is also the "
                    "specification for any planning tool, AI-assisted or not, that you consider later. If a "
                    "vendor cannot show you where those rules would live, keep looking.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2025-09-09",
        "review_by": "2026-12-09",
    },
    {
        "slug": "why-industrial-ai-pilots-stall",
        "title": "Why Industrial AI Pilots Stall at the Data Layer",
        "format": "article",
        "stage": "epiphany",
        "personas": ["transformational-leader", "head-of-data"],
        "segments": ["enterprise"],
        "topics": ["ai-operations-planning", "plant-data-integration"],
        "summary": (
            "Most industrial AI pilots that fail do not fail because the model is weak. They fail because the "
            "data that fed the pilot was assembled by hand and cannot be assembled again at the next site."
        ),
        "sections": [
            {
                "heading": "The pilot that worked, once",
                "paragraphs": [
                    "A familiar story: a data science team spends four months building a yield prediction "
                    "model for one plant. Results are promising, a steering committee approves a rollout, and "
                    "then nothing happens for a year. When we ask what went wrong, the answer is rarely the "
                    "model. It is that a contractor spent six weeks extracting, cleaning and joining data for "
                    "the pilot site, and nobody budgeted to do it again at eleven more sites.",
                ],
            },
            {
                "heading": "Three data problems that kill rollouts",
                "paragraphs": [
                    "The first is naming: the same machine, product or material is identified differently in "
                    "the historian, the production system and ERP, and the pilot's mapping table was built by "
                    "hand. The second is time: sensors sample every second, quality results arrive hours later "
                    "and ERP posts at shift end, so aligning them needs rules that were never written down. "
                    "The third is ownership. When the pilot's data pipeline breaks, nobody is responsible for "
                    "fixing it, so the model silently degrades until a planner stops trusting it.",
                ],
            },
            {
                "heading": "Fund the layer, not the model",
                "paragraphs": [
                    "Our view is blunt. If you are approving an operations AI programme, ask how much of the "
                    "budget goes on making data repeatable across sites, and who will own it afterwards. If "
                    "the answer is under a third, the programme is probably a series of pilots. Companies that "
                    "reach production at scale usually connect and model their plant data first, then find "
                    "that the second and third use cases cost a fraction of the first.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2025-11-04",
        "review_by": "2027-02-04",
    },
    {
        "slug": "one-order-eleven-systems",
        "title": "One Order, Eleven Systems: Where Operations Data Goes Missing",
        "format": "infographic",
        "stage": "epiphany",
        "personas": ["vp-operations", "function-head"],
        "segments": ["logistics", "discrete-manufacturing"],
        "topics": ["supply-chain-visibility", "legacy-modernisation"],
        "summary": (
            "We followed a single make-to-order customer order from quote to proof of delivery at a typical "
            "mid-size manufacturer. It touched eleven systems and was re-keyed by hand six times."
        ),
        "sections": [
            {
                "heading": "The journey, panel by panel",
                "paragraphs": [
                    "The graphic traces order 40117, a batch of 1,200 hydraulic fittings, through quoting, "
                    "order entry, material planning, the production system, the quality lab, the warehouse, "
                    "the transport booking tool, the carrier's portal and finally the invoice. Each panel shows "
                    "which system held the order at that moment, what status it reported and who could see it.",
                ],
            },
            {
                "heading": "Where the gaps open",
                "paragraphs": [
                    "Six handoffs relied on someone retyping data, usually from an email or a printed "
                    "traveller. The longest silence was between the carrier collecting the goods and the "
                    "shipment appearing as dispatched in ERP: 31 hours on average across the orders we sampled. "
                    "During that window customer service could not answer the simplest question a buyer asks, "
                    "which is where their order is. "
                    "Across 2,300 sampled order lines, one in twelve showed conflicting statuses in two systems "
                    "on the same day.",
                ],
            },
        ],
        "figures": [
            {"value": "11", "label": "systems touched by one make-to-order order"},
            {"value": "6", "label": "points where data was re-keyed by hand"},
            {"value": "31 hrs", "label": "average lag from collection to 'dispatched' in ERP"},
            {"value": "1 in 12", "label": "order lines with conflicting status on the same day"},
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-02-10",
        "review_by": "2027-02-10",
    },
    # ------------------------------------------------------------------ Awareness
    {
        "slug": "three-utilities-single-view-asset-health",
        "title": "How Three Utilities Built a Single View of Asset Health",
        "format": "article",
        "stage": "awareness",
        "personas": ["function-head", "vp-operations"],
        "segments": ["utilities", "north-america"],
        "topics": ["plant-data-integration", "operational-resilience"],
        "summary": (
            "A water authority, a regional power distributor and a gas network operator each set out to see "
            "asset condition in one place. They took different routes, and the lessons are in the differences."
        ),
        "sections": [
            {
                "heading": "Three starting points",
                "paragraphs": [
                    "Sandhill Water Authority had good telemetry from its pumping stations but kept work orders "
                    "in a maintenance system nobody in the control room could open. Corran Valley Power had "
                    "the opposite problem: tidy maintenance records and sensor data scattered across four "
                    "substation vendors' tools. Brightwater Utilities had both problems and a regulator asking "
                    "for asset risk scores it could not yet calculate consistently.",
                ],
            },
            {
                "heading": "What each one did first",
                "paragraphs": [
                    "Sandhill started with its fifty highest-consequence pumps and linked each one's telemetry "
                    "to its maintenance history, so engineers could see run hours, vibration and past repairs "
                    "side by side. Corran Valley standardised asset identifiers across substations before "
                    "connecting anything, which took five months and paid off later. Brightwater began with "
                    "the regulatory risk score, working backwards to the data each input required. "
                    "All three resisted the temptation to build a grand dashboard first. Each chose a decision "
                    "that people made every week and made that decision better informed.",
                ],
            },
            {
                "heading": "What they would tell a peer",
                "paragraphs": [
                    "Agree asset identifiers early, because everything downstream depends on them. Put the "
                    "combined view in front of the crews who do the work, not only managers, since crews are "
                    "the first to spot when data is wrong. And measure something operational, such as repeat "
                    "call-outs or emergency repairs, so the project is judged on results rather than on how "
                    "many systems it connected. Sandhill cut emergency pump repairs by a fifth in a year.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2025-07-15",
        "review_by": "2027-01-15",
    },
    {
        "slug": "retire-wrap-or-replace-legacy-mes",
        "title": "Retire, Wrap or Replace: Making Legacy MES Decisions Without Regret",
        "format": "article",
        "stage": "awareness",
        "personas": ["function-head", "head-of-data"],
        "segments": ["discrete-manufacturing"],
        "topics": ["legacy-modernisation"],
        "summary": (
            "Many plants run production systems installed before their current IT team was hired. A simple "
            "three-way test helps decide which to retire, which to wrap and which genuinely need replacing."
        ),
        "sections": [
            {
                "heading": "The question behind the question",
                "paragraphs": [
                    "When a plant's manufacturing execution system reaches twenty years old, the conversation "
                    "usually starts with replacement. But replacement is expensive, risky and disruptive to "
                    "the people who run lines every day. The better first question is what the system is "
                    "still doing well, what it does badly, and whether the bad parts are about the system "
                    "itself or about getting data in and out of it.",
                ],
            },
            {
                "heading": "A three-way test",
                "paragraphs": [
                    "Retire a system when its functions are already duplicated elsewhere and only habit keeps "
                    "it running; we often find one or two of these per plant. Wrap a system when it is stable "
                    "and trusted on the floor but hard to integrate: leave it in place, read its data through "
                    "a maintained connector and stop building point-to-point interfaces to it. "
                    "Replace a system only when it blocks something the business needs, such as a new product "
                    "line, a regulatory requirement or a security standard it cannot meet, and when wrapping "
                    "would cost more than the replacement over five years.",
                ],
            },
            {
                "heading": "Sequencing matters more than the choice",
                "paragraphs": [
                    "The plants that modernise without drama separate data from function. They first make "
                    "the old system's data available in a shared model, so reports, planning and analytics no "
                    "longer depend on it directly. Replacement, if it comes, then becomes a swap behind a "
                    "stable interface instead of a cutover that breaks every report in the building. One "
                    "Midlands valve maker used this approach to replace its MES one line at a time over 14 months.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2025-02-18",
        "review_by": "2026-02-18",
    },
    {
        "slug": "data-governance-on-the-night-shift",
        "title": "What Data Governance Looks Like on the Night Shift",
        "format": "article",
        "stage": "awareness",
        "personas": ["head-of-data", "function-head"],
        "segments": ["process-manufacturing"],
        "topics": ["data-governance-security", "workforce-change"],
        "summary": (
            "Governance policies are written in head office and tested at 3am, when a supervisor has to decide "
            "whether to override a reading. Here is how three process plants made governance work on shift."
        ),
        "sections": [
            {
                "heading": "Policy meets the control room",
                "paragraphs": [
                    "A data governance policy might say that production quantities must be recorded by the "
                    "system of record and corrected only through an approved workflow. At three in the morning, "
                    "with a flowmeter reading implausibly high and a tank that is obviously not overflowing, a "
                    "shift supervisor will do whatever gets the batch recorded. If the approved workflow needs "
                    "a data steward who works days, the policy will be bypassed, usually in a spreadsheet.",
                ],
            },
            {
                "heading": "Three changes that worked",
                "paragraphs": [
                    "At a polymer plant in Antwerp, supervisors were given authority to correct readings "
                    "themselves, with a mandatory reason code and an automatic flag for the day steward to "
                    "review. Corrections became visible instead of hidden. A food manufacturer in Ohio added "
                    "a two-minute data handover to every shift change, covering any readings that had been "
                    "overridden and why. "
                    "A specialty chemicals site printed its ten most important measure definitions on a single "
                    "laminated sheet in the control room, so disputes about what 'good tonnes' meant were "
                    "settled by reading rather than argument.",
                ],
            },
            {
                "heading": "The principle underneath",
                "paragraphs": [
                    "Good governance on shift is about making the right action the easy one. Give the people "
                    "closest to the process the authority to correct data, make every correction traceable, "
                    "and review the corrections rather than trying to prevent them. The Antwerp plant logged "
                    "three times as many corrections in its first month, which alarmed head office until it "
                    "became clear those corrections had always happened; they had simply been invisible.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2025-10-07",
        "review_by": "2027-01-07",
    },
    {
        "slug": "planning-with-machines-deciding-as-people",
        "title": "Planning With Machines, Deciding as People",
        "format": "talk",
        "stage": "awareness",
        "personas": ["transformational-leader", "business-strategist"],
        "segments": [],
        "topics": ["ai-operations-planning", "workforce-change"],
        "summary": (
            "Dr Ruth Okafor, Keelstone's head of planning science, on what three years of AI-assisted "
            "scheduling in real plants taught us about where models help, where they mislead and who decides."
        ),
        "sections": [
            {
                "heading": "About the talk",
                "paragraphs": [
                    "Recorded at the Industrial Operations Forum in Birmingham in November 2025, this 28-minute "
                    "talk covers what happened when planners at nine manufacturing and logistics sites were "
                    "given machine-generated schedule recommendations alongside their usual tools. Ruth Okafor "
                    "led the planning science team that built the models, and she is candid about the cases "
                    "where the recommendations were wrong and what the planners did about it.",
                ],
            },
            {
                "heading": "Three ideas from the talk",
                "paragraphs": [
                    "First, planners accepted recommendations faster when they could see the two or three "
                    "constraints that drove them, and slower when they were shown a confidence score alone. "
                    "Second, the most valuable recommendations were not the cleverest but the ones that saved "
                    "a planner an hour of routine work each morning, freeing time for the difficult calls.",
                    "Third, every site needed an explicit rule for who could overrule the model and how that "
                    "override was recorded. Overrides turned out to be the richest source of improvements, "
                    "because each one was a constraint the model had not been told about.",
                ],
            },
            {
                "heading": "Who should watch",
                "paragraphs": [
                    "Leaders sponsoring AI in operations who want an honest account of adoption rather than a "
                    "product demonstration, and planning managers wondering how their role will change. The "
                    "talk includes a twelve-minute question session in which a planner from a Lancashire "
                    "packaging plant explains why she rejected a third of the model's suggestions in her "
                    "first month and almost none by her fourth.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2025-12-02",
        "review_by": "2027-03-02",
    },
    {
        "slug": "visibility-is-not-a-dashboard",
        "title": "Visibility Is Not a Dashboard",
        "format": "talk",
        "stage": "awareness",
        "personas": ["vp-operations", "business-strategist"],
        "segments": ["logistics", "europe"],
        "topics": ["supply-chain-visibility"],
        "summary": (
            "A talk from the European Logistics Operations Summit arguing that supply chain visibility is "
            "measured by how fast a question gets a trustworthy answer, not by how many screens a control tower has."
        ),
        "sections": [
            {
                "heading": "The argument",
                "paragraphs": [
                    "Keelstone co-founder Tom Hale opens with a photograph of a freight control tower: sixteen "
                    "wall screens, all green. The same afternoon, he explains, a customer rang to ask about a "
                    "delayed pallet and it took the team 47 minutes to answer. Visibility, he argues, is not "
                    "what you can display but how quickly someone can get a correct answer to an unplanned "
                    "question, and dashboards mostly answer the questions someone anticipated last year.",
                ],
            },
            {
                "heading": "A better measure",
                "paragraphs": [
                    "The talk proposes a simple test called time-to-answer. Pick ten questions customers and "
                    "managers actually ask, such as where an order is, what stock is committed or which loads "
                    "are at risk tomorrow, and time how long it takes to answer each one correctly. Operators "
                    "who tried it found their median was between twenty minutes and two hours, regardless of "
                    "how sophisticated their dashboards looked. "
                    "The answers were slow because the data needed lived in three or four systems with "
                    "different identifiers, and someone had to join it by hand every time.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2025-04-08",
        "review_by": "2026-08-08",
    },
    {
        "slug": "anatomy-of-a-late-shipment",
        "title": "The Anatomy of a Late Shipment",
        "format": "infographic",
        "stage": "awareness",
        "personas": ["vp-operations", "turnaround-artist"],
        "segments": ["logistics"],
        "topics": ["supply-chain-visibility", "operational-resilience"],
        "summary": (
            "We traced 1,800 late deliveries at four logistics operators back to their first warning sign. "
            "In most cases the delay was visible in someone's data a day earlier than the customer was told."
        ),
        "sections": [
            {
                "heading": "Reading the graphic",
                "paragraphs": [
                    "The timeline runs from the moment each shipment was booked to the moment it arrived late. "
                    "Coloured markers show the first signal of trouble in any system: a short pick, a trailer "
                    "not returned, a driver hours breach, a slot change at the receiving site. The bar beneath "
                    "shows when the operator's customer service team actually knew, and the final marker shows "
                    "when the customer was told.",
                ],
            },
            {
                "heading": "What the data shows",
                "paragraphs": [
                    "In 64 percent of late deliveries, a warning sign existed in at least one system more than "
                    "18 hours before the customer was informed. The most common early signal was a picking "
                    "shortfall in the warehouse system that was never passed to transport planning. The second "
                    "was a vehicle still on a previous job when its next load was due to leave. "
                    "Operators who connected warehouse and transport status cut the gap between first signal "
                    "and customer notice from 21 hours to under five.",
                ],
            },
        ],
        "figures": [
            {"value": "1,800", "label": "late deliveries traced to their first warning sign"},
            {
                "value": "64%",
                "label": "had a warning in some system 18+ hours before the customer knew",
            },
            {"value": "21 hrs", "label": "median gap between first signal and customer notice"},
            {"value": "< 5 hrs", "label": "gap once warehouse and transport status were connected"},
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-01-20",
        "review_by": "2027-01-20",
    },
    {
        "slug": "energy-data-is-operations-data",
        "title": "Energy Data Is Operations Data: Bringing Meter Readings Into the Daily Meeting",
        "format": "article",
        "stage": "awareness",
        "personas": ["vp-operations", "business-strategist"],
        "segments": ["process-manufacturing", "utilities"],
        "topics": ["energy-sustainability-reporting", "workforce-change"],
        "summary": (
            "Energy is often the second-largest variable cost in a process plant, yet it is discussed once a "
            "month in a report nobody on shift reads. Plants that put it in the daily meeting find savings fast."
        ),
        "sections": [
            {
                "heading": "A monthly number for a minute-by-minute cost",
                "paragraphs": [
                    "At a typical polymer or food plant, energy costs are reviewed when the utility bill arrives, "
                    "by people who cannot change how the plant ran that month. Meanwhile the decisions that "
                    "drive energy use, such as batch sequencing, idle running between orders and compressed air "
                    "leaks, are made every shift by people who never see the consumption figures. The gap "
                    "between those two groups is where most avoidable energy cost sits.",
                ],
            },
            {
                "heading": "What changes when supervisors see it",
                "paragraphs": [
                    "A dairy processor in Wisconsin added one line to its morning meeting: kilowatt-hours per "
                    "tonne for each line yesterday, compared with the previous four weeks. Within a month, "
                    "supervisors had found two lines left running through a weekend and a refrigeration "
                    "setpoint changed during maintenance and never restored. The site cut energy per tonne "
                    "by nine percent in a quarter without capital spending. "
                    "The same figures fed its sustainability report, which meant year-end numbers had already "
                    "been looked at, questioned and corrected daily.",
                ],
            },
            {
                "heading": "Getting started",
                "paragraphs": [
                    "You need meter data at line or area level, production quantities for the same periods, "
                    "and agreement on how shared loads such as compressed air and steam are allocated. Start "
                    "with the two or three largest consumers rather than sub-metering everything. Most plants "
                    "can show a useful energy-per-unit figure within a few weeks, and the conversations it "
                    "starts on shift are worth more than the precision of the first version.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-03-17",
        "review_by": "2027-03-17",
    },
]
