"""Keelstone demo assets, part C: Purchase, First 90 days and Advocacy stages."""

ASSETS = [
    # ------------------------------------------------------------------ Purchase
    {
        "slug": "business-case-four-plant-manufacturer",
        "title": "Building the Business Case: A Worked Model for a Four-Plant Manufacturer",
        "format": "white_paper",
        "stage": "purchase",
        "personas": ["business-strategist", "turnaround-artist", "function-head"],
        "segments": ["mid-market", "discrete-manufacturing"],
        "topics": ["operational-resilience", "plant-data-integration"],
        "summary": (
            "A complete, conservative business case for connecting four plants, with every assumption stated, "
            "so your finance team can replace our numbers with yours and see whether the case still holds."
        ),
        "sections": [
            {
                "heading": "The example company",
                "paragraphs": [
                    "Our worked example is a components manufacturer with 1,400 staff, four plants, 14 lines "
                    "and annual revenue of $310 million. Its unplanned downtime, reconciliation effort and "
                    "expediting costs are set at the medians from our own research, not at the results of our "
                    "best customers. We chose a deliberately ordinary company because finance teams rightly "
                    "distrust business cases built on exceptional outcomes.",
                ],
            },
            {
                "heading": "Where the value comes from",
                "paragraphs": [
                    "The model counts four sources of value. Reduced unplanned downtime on each plant's "
                    "constraint line, assumed at 15 percent against the 20 to 30 percent our customers "
                    "typically report; downtime elsewhere is ignored because lost output on other lines is "
                    "usually recovered. Time recovered from manual "
                    "reconciliation, at two hours a week per supervisor rather than the four we usually see. "
                    "Lower expediting and premium freight, at 10 percent. And avoided interface maintenance "
                    "for point-to-point integrations that the platform replaces. "
                    "We exclude benefits that are real but hard to defend in a finance review, such as better "
                    "customer retention and faster decisions.",
                ],
            },
            {
                "heading": "The result and how to test it",
                "paragraphs": [
                    "On these assumptions, the three-year cost of subscription, support, implementation and "
                    "internal time is $1.21 million and the three-year benefit is $5.2 million, with payback in "
                    "month nine. The case still pays back within about thirteen months if downtime falls by only "
                    "8 percent. "
                    "The downloadable model lets you change every assumption, and your Keelstone account team "
                    "will work through it with your finance lead using your own plant data.",
                ],
            },
        ],
        "figures": [
            {"value": "$1.21m", "label": "three-year total cost in the worked example"},
            {"value": "$5.2m", "label": "three-year benefit on conservative assumptions"},
            {"value": "Month 9", "label": "payback"},
        ],
        "faq": [],
        "case_study": None,
        "download": {
            "title": "Business case model: assumptions and worked figures (PDF)",
            "pages": [
                {
                    "heading": "Cost assumptions",
                    "paragraphs": [
                        "Platform fee and four Standard-band site subscriptions at list price on a three-year "
                        "term. Implementation fee for the first site plus three additional sites. Internal time: "
                        "a project owner at 40 percent for twelve weeks, then 20 percent for the remaining "
                        "sites; a site data champion at 20 percent for each site rollout; IT time of five days "
                        "per site. Enhanced support tier included from year one.",
                    ],
                },
                {
                    "heading": "Benefit assumptions",
                    "paragraphs": [
                        "Downtime: one constraint line per plant, each losing 27 hours per quarter at $22,400 "
                        "per hour, reduced by 15 percent from month four at the first plant and from month six "
                        "at the others. Reconciliation: "
                        "56 supervisors recovering two hours a week at a loaded cost of $58 per hour. "
                        "Expediting: $1.1 million annual spend reduced by 10 percent. Interface maintenance: "
                        "nine point-to-point interfaces retired at $18,000 each per year.",
                    ],
                },
                {
                    "heading": "Sensitivity",
                    "paragraphs": [
                        "The result is most sensitive to the downtime assumption, which accounts for 72 percent "
                        "of the benefit. At an 8 percent reduction payback moves to month 13; at 25 percent it "
                        "moves to month six. Rollout speed matters next: if each additional site takes ten "
                        "weeks instead of five, payback moves out by about a month.",
                    ],
                },
            ],
        },
        "published": "2025-07-29",
        "review_by": "2027-01-29",
    },
    {
        "slug": "commercial-faq-pricing-contracts-exit",
        "title": "Commercial Questions: Pricing, Contracts and Leaving Keelstone",
        "format": "faq",
        "stage": "purchase",
        "personas": ["business-strategist", "function-head"],
        "segments": [],
        "topics": ["data-governance-security", "legacy-modernisation"],
        "summary": (
            "How Keelstone is priced, what a contract commits you to, how adding sites works, and exactly what "
            "happens to your data if you decide to leave. Straight answers to the questions procurement asks."
        ),
        "sections": [
            {
                "heading": "Our approach to commercial terms",
                "paragraphs": [
                    "We would rather lose a deal early on price than win it and lose the customer over a "
                    "surprise. So our pricing structure, list prices and exit terms are published here, and "
                    "our contracts follow them. Discounts exist for multi-year terms and large estates, and "
                    "your account team will explain them, but the structure is the same for every customer "
                    "and there are no charges that first appear in a renewal.",
                ],
            },
            {
                "heading": "What your account team handles",
                "paragraphs": [
                    "The published structure answers most procurement questions, but some things depend on your "
                    "estate. Your account team will confirm which size band each site falls into after a short "
                    "review of signal counts and source systems, quote any custom connector work at a fixed price, "
                    "prepare a multi-year or multi-site proposal and arrange reference calls with customers of a "
                    "similar size and industry. Every quote is put in writing and remains valid for ninety days, and "
                    "none of it commits you to anything.",
                ],
            },
        ],
        "figures": [],
        "faq": [
            {
                "question": "How is Keelstone priced?",
                "answer": (
                    "An annual platform fee of $60,000 per company, plus an annual subscription for each "
                    "connected site in one of three bands based on the number of signals and source systems: "
                    "Small at $28,000, Standard at $46,000 and Large at $74,000. Keelstone Plan adds $22,000 a "
                    "year for each site where it is used. Prices in euros and pounds are published alongside."
                ),
            },
            {
                "question": "What does implementation cost?",
                "answer": (
                    "A fixed fee for the first site, currently $85,000 for the standard twelve-week plan, and "
                    "$30,000 for each additional site. The fee includes initial training. Custom connectors, "
                    "where needed, are quoted separately before you sign, and you own the code."
                ),
            },
            {
                "question": "How long is the contract, and can we add sites later?",
                "answer": (
                    "Contracts run for one or three years; three-year terms carry a 10 percent discount. You "
                    "can add sites at any time at the same prices, and they are co-termed with your existing "
                    "agreement. You can also remove a site at renewal without penalty if it closes or is sold."
                ),
            },
            {
                "question": "How much can prices rise at renewal?",
                "answer": (
                    "Renewal increases are capped at the lower of 5 percent or the published consumer price "
                    "index for your billing currency over the previous twelve months. The cap is written into "
                    "every contract."
                ),
            },
            {
                "question": "What happens to our data if we leave?",
                "answer": (
                    "You can export all of your data at any time in open formats, Parquet and CSV, along with "
                    "documentation of your operations model and measure definitions. After termination you keep "
                    "read-only access for 90 days at no charge. We then delete your tenant, backups included, "
                    "within 30 days and give you a written certificate of deletion."
                ),
            },
        ],
        "case_study": None,
        "download": None,
        "published": "2026-01-27",
        "review_by": "2027-01-27",
    },
    {
        "slug": "vellin-polymers-turnaround-payback",
        "title": "Vellin Polymers: Payback in Seven Months During a Turnaround",
        "format": "case_study",
        "stage": "purchase",
        "personas": ["turnaround-artist", "business-strategist"],
        "segments": ["process-manufacturing", "europe"],
        "topics": ["energy-sustainability-reporting", "operational-resilience"],
        "summary": (
            "A loss-making polymer compounder needed results within a year. By connecting four plants and putting "
            "energy and quality data in the daily meeting, it recovered €6.2 million of margin and paid back in seven months."
        ),
        "sections": [],
        "figures": [],
        "faq": [],
        "case_study": {
            "customer": "Vellin Polymers",
            "outcome": "Vellin Polymers recovered €6.2 million of margin in its first year with Keelstone and paid back the investment in seven months.",
            "outcome_metrics": [
                {"value": "€6.2m", "label": "margin recovered in year one"},
                {"value": "7 months", "label": "payback"},
                {"value": "14%", "label": "less energy per tonne"},
                {"value": "18%", "label": "fewer off-specification batches"},
            ],
            "before": [
                "Vellin Polymers compounds engineering plastics at four plants in the Czech Republic and "
                "Germany, with 1,400 staff. After two loss-making years, a new chief executive was given "
                "eighteen months by the owners to restore margin. Energy costs had risen by more than half, "
                "off-specification batches were running at almost one in ten, and each plant reported "
                "performance in its own format.",
                "The management team had no way to compare plants, and the monthly energy report arrived six "
                "weeks after the fact.",
            ],
            "after": [
                "Vellin chose to connect all four plants in parallel rather than one at a time, accepting a "
                "heavier load on its small IT team in exchange for speed. Keelstone connected extruder "
                "signals, energy meters, the laboratory system and ERP, and all four plants were live within "
                "sixteen weeks.",
                "The chief operating officer introduced a single daily review across the four plants, covering "
                "energy per tonne, off-spec rate and schedule adherence by line. Plant managers agreed common "
                "definitions in the first fortnight, and the best-performing line's settings for each product "
                "family became the reference for the others.",
            ],
            "close_the_loop": [
                "In the first year, energy per tonne fell by 14 percent and off-specification batches by 18 "
                "percent, together recovering €6.2 million of margin. The investment, including internal "
                "time, paid back in seven months.",
                "The same connected data now produces Vellin's energy and emissions disclosures, which closed "
                "five weeks faster than the year before. Vellin returned to profit in its second year and is "
                "available as a reference for companies considering Keelstone under time pressure.",
            ],
            "quotes": [
                {
                    "text": "I did not have time for a long programme. I needed four plants telling me the truth every morning, and I had that in four months.",
                    "name": "Petr Novak",
                    "role": "Chief Executive",
                    "organisation": "Vellin Polymers",
                },
            ],
        },
        "download": None,
        "published": "2026-05-05",
        "review_by": "2027-05-05",
    },
    {
        "slug": "reference-calls-that-tell-you-something",
        "title": "Reference Calls That Tell You Something: Questions to Ask Keelstone Customers",
        "format": "article",
        "stage": "purchase",
        "personas": ["function-head", "turnaround-artist", "transformational-leader"],
        "segments": [],
        "topics": ["legacy-modernisation", "workforce-change"],
        "summary": (
            "Vendor references are usually polite and unhelpful. These questions get past the pleasantries, and "
            "we suggest you ask them without anyone from Keelstone on the call."
        ),
        "sections": [
            {
                "heading": "Ask to speak alone",
                "paragraphs": [
                    "A reference call with the vendor's account manager listening is a performance. Ask us for "
                    "two or three customers who match your industry, size and starting point, and ask for the "
                    "call to be between you and them. We arrange introductions and then leave. Customers who "
                    "agree to be references do so knowing they may be asked hard questions, and most of them "
                    "have been through the same evaluation you are in now.",
                ],
            },
            {
                "heading": "Questions about the project",
                "paragraphs": [
                    "How long did your first site actually take, compared with the plan? What did you "
                    "underestimate about the time your own people needed? Which of your older systems caused "
                    "the most trouble, and how was it handled? Was there a point where you considered stopping, "
                    "and what happened? If you did it again, what would you do in a different order? "
                    "Listen for specifics. A customer who can name the week things went wrong has lived "
                    "through a real implementation.",
                ],
            },
            {
                "heading": "Questions about life afterwards",
                "paragraphs": [
                    "How did supervisors and planners react in the first three months, and what changed their "
                    "minds? When you raised a support case, how quickly was it resolved, and was the answer "
                    "right first time? Have you added sites, and did the later ones go faster? What would make "
                    "you leave Keelstone? That last question is the most useful, because every customer has "
                    "an answer, and it tells you what to watch for.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-09-15",
        "review_by": "2027-09-15",
    },
    {
        "slug": "where-year-one-payback-comes-from",
        "title": "Where Year-One Payback Comes From",
        "format": "infographic",
        "stage": "purchase",
        "personas": ["business-strategist", "turnaround-artist"],
        "segments": ["mid-market", "enterprise"],
        "topics": ["ai-operations-planning", "supply-chain-visibility"],
        "summary": (
            "We broke down first-year value at 37 Keelstone customers who measured it. Downtime leads, but "
            "planning time and freight savings matter more than most business cases assume."
        ),
        "sections": [
            {
                "heading": "How the figures were gathered",
                "paragraphs": [
                    "Thirty-seven customers shared audited or finance-approved first-year value figures with "
                    "us, 22 in manufacturing and 15 in logistics and utilities. We grouped their reported "
                    "benefits into five categories and show each category's share of total value. Customers "
                    "who could not separate benefits reliably were excluded, which is why the sample is smaller "
                    "than our customer base.",
                ],
            },
            {
                "heading": "What the breakdown shows",
                "paragraphs": [
                    "Reduced unplanned downtime provided 41 percent of first-year value. Planning time and "
                    "better schedules, mostly at customers using Keelstone Plan, provided 23 percent. Lower "
                    "premium freight and expediting, driven by earlier warning of late orders, provided 17 "
                    "percent. Energy savings provided 12 percent, and retired interfaces and reports the "
                    "remaining 7 percent. "
                    "Customers using Keelstone Plan reached payback a median of three months sooner than those "
                    "using the platform alone.",
                ],
            },
        ],
        "figures": [
            {"value": "41%", "label": "of year-one value from reduced unplanned downtime"},
            {"value": "23%", "label": "from planning time and better schedules"},
            {"value": "17%", "label": "from lower premium freight and expediting"},
            {"value": "9 months", "label": "median payback across 37 customers"},
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-10-06",
        "review_by": "2027-10-06",
    },
    # ------------------------------------------------------------------ First 90 days
    {
        "slug": "first-90-days-onboarding-plan",
        "title": "Your First 90 Days With Keelstone: The Onboarding Plan",
        "format": "first_90_days",
        "stage": "first-90-days",
        "personas": ["function-head", "vp-operations"],
        "segments": [],
        "topics": ["workforce-change", "plant-data-integration"],
        "summary": (
            "For new customers: what to do in each of your first thirteen weeks, who should be doing it, and how "
            "to tell whether the first site is on track. Use it alongside your implementation lead's plan."
        ),
        "sections": [
            {
                "heading": "Days 1 to 30: set the foundations",
                "paragraphs": [
                    "Confirm your project owner and site data champion in the first week and block their time "
                    "in calendars now, not later. Raise the network request for the edge agent on day one; it "
                    "is the most common cause of delay. Choose your first ten measures with the people who will "
                    "use them, and name an owner for each. By day thirty, connectors should be live and history "
                    "loaded, and your supervisors should know what is coming and why.",
                ],
            },
            {
                "heading": "Days 31 to 60: build trust in the numbers",
                "paragraphs": [
                    "This month is about validation, and it is where customers most often try to save time. "
                    "Resist that. Ask two or three respected supervisors to compare Keelstone figures with their "
                    "own records for every shift and log every difference. Each explained difference builds "
                    "trust; each unexplained one, left alone, will be quoted back at you for a year. Data "
                    "stewards and site analysts should complete their training during this period.",
                ],
            },
            {
                "heading": "Days 61 to 90: change the routine",
                "paragraphs": [
                    "Move the morning meeting to Keelstone views, and retire the old report one week later; "
                    "running both indefinitely guarantees that people keep using the old one. Use hypercare to "
                    "fix small irritations quickly. By day ninety, aim for three signs of success: the morning "
                    "meeting uses Keelstone only, supervisors raise data questions through your steward rather "
                    "than around them, and you have chosen your second site.",
                ],
            },
        ],
        "figures": [
            {"value": "Day 1", "label": "raise the network request"},
            {"value": "10", "label": "first measures, each with a named owner"},
            {"value": "3", "label": "signs of success to check at day 90"},
        ],
        "faq": [],
        "case_study": None,
        "download": {
            "title": "First 90 days checklist for project owners (PDF)",
            "pages": [
                {
                    "heading": "Checklist: days 1 to 30",
                    "paragraphs": [
                        "Project owner and data champion confirmed with time allocated. Network request raised "
                        "and approver named. Edge agent host provisioned. Identity provider integration agreed "
                        "with IT. First ten measures chosen, each with an owner. Supervisors briefed at shift "
                        "meetings. Dates for steward and analyst training booked.",
                    ],
                },
                {
                    "heading": "Checklist: days 31 to 90",
                    "paragraphs": [
                        "Validation log started and reviewed twice a week. Every measure signed off by its "
                        "owner. Go-live criteria reviewed at the end of week nine. Morning meeting moved to "
                        "Keelstone views. Old report retired one week after go-live. Viewer sessions completed "
                        "on every shift. Second site nominated and its project owner identified.",
                    ],
                },
            ],
        },
        "published": "2025-08-26",
        "review_by": "2027-02-26",
    },
    {
        "slug": "first-90-days-keelstone-plan",
        "title": "The First 90 Days With Keelstone Plan: Earning Planners' Trust",
        "format": "first_90_days",
        "stage": "first-90-days",
        "personas": ["vp-operations", "transformational-leader"],
        "segments": [],
        "topics": ["ai-operations-planning", "workforce-change"],
        "summary": (
            "Introducing AI-assisted planning succeeds or fails on whether planners come to trust it. This guide "
            "sets out a ninety-day path from shadow mode to daily use, with the measures to watch."
        ),
        "sections": [
            {
                "heading": "Weeks 1 to 4: shadow mode",
                "paragraphs": [
                    "For the first month, Keelstone Plan produces recommendations that planners see but are not "
                    "expected to use. Each morning the planner builds the schedule as usual, then compares it "
                    "with Plan's proposal and notes where and why they differ. This gives the model a concentrated "
                    "dose of the site's unwritten rules and gives planners a safe way to test it. Expect "
                    "agreement on only half to two thirds of moves at this stage.",
                ],
            },
            {
                "heading": "Weeks 5 to 10: assisted planning",
                "paragraphs": [
                    "Planners now start from Plan's proposal and edit it, recording a reason for each significant "
                    "change. Your Keelstone planning specialist joins two morning sessions a week to review "
                    "overrides with the planners and turn recurring reasons into explicit constraints. Watch the "
                    "acceptance rate weekly. It usually climbs steadily, and a sudden drop almost always means "
                    "input data has changed, not that the model has forgotten anything.",
                ],
            },
            {
                "heading": "Weeks 11 to 13: routine use and review",
                "paragraphs": [
                    "By the final weeks, planners should be spending noticeably less time on routine sequencing "
                    "and more on exceptions and scenarios. Hold a review at day ninety covering acceptance rate, "
                    "schedule adherence, time spent planning and the planners' own view. If the planners would "
                    "not want to go back, you are ready to extend Plan to the next site; if they would, find "
                    "out why before going further.",
                ],
            },
        ],
        "figures": [
            {"value": "4 weeks", "label": "in shadow mode before planners rely on it"},
            {"value": "2 per week", "label": "coached sessions with a planning specialist"},
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-06-23",
        "review_by": "2027-06-23",
    },
    {
        "slug": "how-to-engage-keelstone-support",
        "title": "Getting Help: How to Engage Keelstone Support",
        "format": "faq",
        "stage": "first-90-days",
        "personas": ["function-head", "head-of-data"],
        "segments": [],
        "topics": ["operational-resilience"],
        "summary": (
            "A practical guide for new customers on raising cases, choosing a severity, escalating when needed and "
            "getting the fastest useful answer from Keelstone support."
        ),
        "sections": [
            {
                "heading": "Before your first case",
                "paragraphs": [
                    "During handover at the end of implementation, your implementation lead introduces your "
                    "support contacts and checks that your administrators can sign in to the support portal. "
                    "Add your two or three named support contacts there, so cases from them are recognised "
                    "immediately. Enhanced and Mission Critical customers also receive their phone line number "
                    "and should store it somewhere the night shift can find it.",
                ],
            },
            {
                "heading": "After a case is closed",
                "paragraphs": [
                    "Every closed case asks one question: did this solve your problem? Answers go to the support "
                    "team lead, and any 'no' reopens the case automatically. Each month your administrators receive "
                    "a short summary of cases raised, response times against your tier's targets and any recurring "
                    "issues. If the same problem appears three times, we open a problem record and tell you what we "
                    "are changing to stop it happening again, whether that is a product fix, a connector update or "
                    "clearer documentation.",
                ],
            },
        ],
        "figures": [],
        "faq": [
            {
                "question": "What is the fastest way to raise a case?",
                "answer": (
                    "The support portal, from any Keelstone screen via the help menu. It attaches your tenant, "
                    "site and recent error logs automatically. Email works too but takes longer to triage. For "
                    "P1 issues on Enhanced or Mission Critical, raise the case in the portal and then phone, "
                    "quoting the case number."
                ),
            },
            {
                "question": "How do we choose the right severity?",
                "answer": (
                    "Ask what the issue stops people doing. If a running site has no current data, or nobody "
                    "can sign in, it is P1. If an important view or connector is failing and there is no "
                    "workaround, P2. If a few users are affected or there is a workaround, P3. Questions and "
                    "requests are P4. When in doubt, choose the higher severity and say why."
                ),
            },
            {
                "question": "What information helps you fix things quickly?",
                "answer": (
                    "The site and view or connector affected, when it started, what changed recently at your "
                    "end such as a system upgrade or network change, and a screenshot of what you see. Most "
                    "delays in resolving cases come from source-system changes that we were not told about."
                ),
            },
            {
                "question": "How do we escalate if a case is not progressing?",
                "answer": (
                    "Reply on the case asking for escalation. It goes to the support team lead within one "
                    "business hour, or one hour at any time for P1 and P2 on Enhanced and Mission Critical. "
                    "If that does not resolve it, your customer success manager or, on Standard, our head of "
                    "support, whose name and email are in the portal, will take ownership."
                ),
            },
            {
                "question": "Can we get help with questions that are not faults?",
                "answer": (
                    "Yes. How-to questions are P4 cases and are answered within the tier's target. For bigger "
                    "questions, such as adding a new system or redesigning measures, book time in the monthly "
                    "office hours run by our solution engineers, which every customer can attend."
                ),
            },
        ],
        "case_study": None,
        "download": None,
        "published": "2026-02-03",
        "review_by": "2027-02-03",
    },
    {
        "slug": "administrator-training-data-quality-stewardship",
        "title": "Webinar: Administrator Training on Data Quality Rules and Stewardship",
        "format": "webinar",
        "stage": "first-90-days",
        "personas": ["head-of-data"],
        "segments": ["enterprise", "north-america"],
        "topics": ["data-governance-security"],
        "summary": (
            "A recorded training session for new Keelstone administrators and data stewards: setting quality "
            "rules, running the correction review queue and reporting on data health across sites."
        ),
        "sections": [
            {
                "heading": "Who this session is for",
                "paragraphs": [
                    "This 70-minute recorded session is part of the onboarding programme for data stewards and "
                    "administrators, and it is most useful between weeks six and ten of your first site. It "
                    "complements the classroom course rather than replacing it. The recording uses a "
                    "demonstration tenant based on a fictional four-site food manufacturer, so nothing shown is "
                    "specific to your environment.",
                ],
            },
            {
                "heading": "What it covers",
                "paragraphs": [
                    "Writing quality rules for completeness, plausibility and timeliness, with examples such as "
                    "rejecting a line speed above nameplate capacity. Setting rule severity so that minor issues "
                    "are flagged without blocking reports. Working the correction review queue efficiently, "
                    "including bulk approval of routine corrections. And building a weekly data health summary "
                    "that shows correction rates, unowned measures and late-arriving data by site. "
                    "The trainer, Keelstone's lead data steward Amara Osei, spends the final fifteen minutes on "
                    "questions from the live session.",
                ],
            },
            {
                "heading": "Access",
                "paragraphs": [
                    "Because it forms part of customer onboarding, the recording is available to signed-in "
                    "Keelstone customers through Keelstone Academy. Evaluators who want to see how stewardship "
                    "works can read the security and governance technical briefs, or ask their account team for "
                    "a live walkthrough of the same demonstration tenant.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-09-29",
        "review_by": "2027-09-29",
    },
    {
        "slug": "first-90-days-sustainability-leads",
        "title": "First 90 Days for Sustainability Leads: Setting Up Energy Reporting",
        "format": "first_90_days",
        "stage": "first-90-days",
        "personas": ["business-strategist", "head-of-data"],
        "segments": ["process-manufacturing", "utilities"],
        "topics": ["energy-sustainability-reporting"],
        "summary": (
            "A ninety-day guide for sustainability and finance leads setting up energy and emissions reporting "
            "in Keelstone: baselines, allocation rules, assurance readiness and the first monthly close."
        ),
        "sections": [
            {
                "heading": "Month one: inventory and agreement",
                "paragraphs": [
                    "List every meter and data source that contributes to your reported energy figures, and "
                    "mark which are already connected through your site implementation. Most customers find a "
                    "handful of manual sources, such as fuel deliveries or landlord-supplied electricity, that "
                    "need a simple upload route. In parallel, bring finance, operations and, if possible, your "
                    "assurance provider together to agree allocation rules for shared utilities before any "
                    "figures are produced.",
                ],
            },
            {
                "heading": "Month two: baseline and history",
                "paragraphs": [
                    "Load history back to your baseline year, and record gaps and meter replacements explicitly "
                    "rather than estimating over them. Configure each allocation rule as a versioned measure "
                    "with a named owner. Compare Keelstone's figures for the baseline year with your previously "
                    "reported figures and document every difference. Auditors care less that differences exist "
                    "than that you can explain them.",
                ],
            },
            {
                "heading": "Month three: first close and daily use",
                "paragraphs": [
                    "Run your first monthly close from Keelstone and time it. Walk your assurance provider "
                    "through lineage for two or three sampled figures, so there are no surprises at year end. "
                    "Then take energy per unit into operations: add it to the daily meeting for your largest "
                    "consuming areas. Reporting improves fastest when operations teams look at the same numbers "
                    "every day and question the odd ones.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-10-20",
        "review_by": "2027-10-20",
    },
    # ------------------------------------------------------------------ Advocacy
    {
        "slug": "northfield-cold-chain-two-depots-to-fourteen",
        "title": "Northfield Cold Chain: From Two Depots to Fourteen",
        "format": "case_study",
        "stage": "advocacy",
        "personas": ["vp-operations", "business-strategist"],
        "segments": ["logistics", "north-america"],
        "topics": ["supply-chain-visibility", "operational-resilience"],
        "summary": (
            "A temperature-controlled logistics operator started with two depots and a narrow goal. Eighteen "
            "months later Keelstone runs across all fourteen, and temperature-excursion write-offs are down 58%."
        ),
        "sections": [],
        "figures": [],
        "faq": [],
        "case_study": {
            "customer": "Northfield Cold Chain",
            "outcome": "Northfield Cold Chain extended Keelstone from two depots to fourteen in 18 months and cut temperature-excursion write-offs by 58%, saving $3.4 million a year.",
            "outcome_metrics": [
                {"value": "14", "label": "depots connected, up from 2"},
                {"value": "58%", "label": "fewer temperature-excursion write-offs"},
                {"value": "$3.4m", "label": "annual saving"},
                {"value": "99.1%", "label": "on time in full, up from 95.8%"},
            ],
            "before": [
                "Northfield Cold Chain stores and distributes chilled and frozen food for retailers and "
                "food-service companies from fourteen depots across the US Midwest and Ontario, with 2,600 "
                "staff. Temperature data from cold rooms and reefer trailers sat in separate monitoring "
                "tools, and excursions were usually discovered when a customer rejected a delivery.",
                "Write-offs from temperature excursions were running at $5.9 million a year, and each one "
                "triggered a claim dispute that took weeks to settle.",
            ],
            "after": [
                "Northfield began with two depots in Indianapolis and Columbus, connecting cold-room sensors, "
                "reefer telematics, the warehouse system and dock scheduling. Each pallet's temperature "
                "history from receipt to delivery became visible in one view, and depot teams were alerted "
                "when a load's cumulative exposure approached its limit, not just when a threshold was crossed.",
                "Results at the first two depots were strong enough that depot managers elsewhere asked to "
                "go next. Northfield's own data team, trained as Keelstone administrators, led the later "
                "rollouts with Keelstone support, bringing each new depot live in about four weeks.",
            ],
            "close_the_loop": [
                "Eighteen months after the first depot went live, all fourteen are connected. "
                "Temperature-excursion write-offs are down 58 percent, saving $3.4 million a year, and on time "
                "in full has risen from 95.8 to 99.1 percent because fewer loads are held back for checks.",
                "Claim disputes now settle in days, since Northfield can show a pallet's full temperature "
                "history to the customer. Two retail customers have added Northfield's temperature records to "
                "their own supplier quality audits, and Northfield is now piloting Keelstone Plan for dock "
                "scheduling.",
            ],
            "quotes": [
                {
                    "text": "We did not plan to roll out to every depot this fast. The depot managers pulled it, because they saw the first two stop losing loads.",
                    "name": "Carla Jimenez",
                    "role": "Vice President, Operations",
                    "organisation": "Northfield Cold Chain",
                },
                {
                    "text": "When a customer disputes a claim now, I send them the pallet's history and the conversation is over in a day.",
                    "name": "Devon Pratt",
                    "role": "Customer Quality Manager",
                    "organisation": "Northfield Cold Chain",
                },
            ],
        },
        "download": None,
        "published": "2026-03-31",
        "review_by": "2027-03-31",
    },
    {
        "slug": "tarrant-steel-furnace-scheduling-energy",
        "title": "Tarrant Steel: Scheduling Furnaces Around Power Prices",
        "format": "case_study",
        "stage": "advocacy",
        "personas": ["transformational-leader", "business-strategist"],
        "segments": ["process-manufacturing", "enterprise"],
        "topics": ["energy-sustainability-reporting", "ai-operations-planning"],
        "summary": (
            "Two years after its first plant went live, Tarrant Steel uses Keelstone Plan to schedule electric arc "
            "furnaces around power prices and grid carbon intensity, across eight sites."
        ),
        "sections": [],
        "figures": [],
        "faq": [],
        "case_study": {
            "customer": "Tarrant Steel",
            "outcome": "Tarrant Steel cut energy cost per tonne by 8% and scope 2 emissions by 61,000 tonnes a year by scheduling its electric arc furnaces with Keelstone Plan.",
            "outcome_metrics": [
                {"value": "8%", "label": "lower energy cost per tonne"},
                {"value": "61,000 t", "label": "CO2e avoided each year"},
                {"value": "£14m", "label": "annual energy saving"},
                {"value": "8", "label": "sites on Keelstone, up from 3"},
            ],
            "before": [
                "Tarrant Steel makes long products and special steels at three melt shops and five rolling "
                "mills in the UK and the Netherlands, with 6,800 staff. Electricity is its largest variable "
                "cost after scrap. Tarrant first adopted Keelstone in 2023 to give its three melt shops a "
                "consistent view of heats, yields and energy use, which it achieved within a year.",
                "Furnace schedules were still built manually around production orders, with limited ability "
                "to respond to half-hourly power prices or carbon intensity on the grid.",
            ],
            "after": [
                "With reliable data on every heat in place, Tarrant added Keelstone Plan at its largest melt "
                "shop in 2024. Plan was given half-hourly power price forecasts and grid carbon intensity "
                "alongside order, scrap and caster constraints, and began proposing heat sequences that moved "
                "flexible load into cheaper, cleaner periods without missing rolling mill slots.",
                "Melt shop planners kept full control. In the first three months they accepted about 60 "
                "percent of proposals; after their overrides had trained the model on caster and crane "
                "constraints, acceptance rose above 85 percent.",
                "Tarrant then extended the platform to its five rolling mills and Plan to the other two melt "
                "shops, led by an internal team of certified Keelstone administrators.",
            ],
            "close_the_loop": [
                "Across the three melt shops, energy cost per tonne is 8 percent lower, saving about £14 million "
                "a year, and scope 2 emissions have fallen by 61,000 tonnes of CO2e annually. The same data "
                "feeds Tarrant's sustainability disclosures, now produced from a single traceable source.",
                "Tarrant's chief digital officer chairs the Keelstone Operations Council's energy working group "
                "and has presented the approach to two industry associations.",
            ],
            "quotes": [
                {
                    "text": "The first year gave us one version of the truth about every heat. The second year was about using it, and that is where the money was.",
                    "name": "Fiona Ashworth",
                    "role": "Chief Digital Officer",
                    "organisation": "Tarrant Steel",
                },
                {
                    "text": "It moves the heats I would have moved if I had time to watch the power price every half hour. When it gets the caster wrong, I tell it, and it learns.",
                    "name": "Lee Brennan",
                    "role": "Melt Shop Planner, Rotherham",
                    "organisation": "Tarrant Steel",
                },
            ],
        },
        "download": None,
        "published": "2026-08-04",
        "review_by": "2027-08-04",
    },
    {
        "slug": "what-we-learned-connecting-38-plants",
        "title": "What We Learned Connecting 38 Plants",
        "format": "talk",
        "stage": "advocacy",
        "personas": ["transformational-leader", "function-head"],
        "segments": ["process-manufacturing", "enterprise"],
        "topics": ["legacy-modernisation", "workforce-change"],
        "summary": (
            "Meridale Foods' CIO opened the 2026 Keelstone customer summit with a frank account of four years "
            "connecting 38 food plants, many running systems older than some of her staff."
        ),
        "sections": [
            {
                "heading": "The talk",
                "paragraphs": [
                    "Rachel Dunmore became CIO of Meridale Foods in 2022, inheriting 38 plants across North "
                    "America and Europe, eleven different production systems and a failed data lake project. "
                    "In this 35-minute keynote from the October 2026 Keelstone summit in Rotterdam she describes "
                    "how Meridale connected all 38 plants in four years, what she would change, and why the "
                    "hardest part was never technical.",
                ],
            },
            {
                "heading": "Lessons she shared",
                "paragraphs": [
                    "Connect the worst plant early, not last: Meridale's third site was its oldest, and solving "
                    "it made every later site look easy. Do not replace a production system just to make "
                    "integration simpler; Meridale retired only three of its eleven and wrapped the rest. And "
                    "budget for people as seriously as software, because plant managers needed months, not "
                    "days, to trust figures that contradicted their own spreadsheets. "
                    "She also described a rollout that went badly at a dairy plant in Quebec, and the three "
                    "changes to Meridale's approach that followed.",
                ],
            },
            {
                "heading": "Why we share it",
                "paragraphs": [
                    "Customer talks at our summit are not reviewed by Keelstone's marketing team, and Rachel's "
                    "includes two criticisms of our early connector documentation that we have since acted on. "
                    "We publish it because buyers and customers learn more from a peer's candour than from our "
                    "own account of ourselves. The recording includes the audience questions that followed.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-10-27",
        "review_by": "2027-10-27",
    },
    {
        "slug": "keelstone-operations-council",
        "title": "The Keelstone Operations Council: How Customers Shape the Roadmap",
        "format": "article",
        "stage": "advocacy",
        "personas": ["function-head", "head-of-data", "vp-operations"],
        "segments": [],
        "topics": ["workforce-change", "ai-operations-planning"],
        "summary": (
            "Sixty customer representatives meet four times a year to review our roadmap, run working groups and "
            "share practice with each other. Here is how the council works and how to join."
        ),
        "sections": [
            {
                "heading": "What the council is",
                "paragraphs": [
                    "The Keelstone Operations Council is a group of about sixty people from customer companies, "
                    "mostly operations leaders, data leads and senior planners. It meets four times a year, "
                    "twice online and twice in person, and its members see our roadmap six to nine months "
                    "before general release. Members are nominated by their own companies, and no customer may "
                    "hold more than two seats, so the largest accounts cannot dominate.",
                ],
            },
            {
                "heading": "Working groups",
                "paragraphs": [
                    "Most of the council's work happens in three working groups. The energy group, chaired by "
                    "Tarrant Steel, shaped how Keelstone handles allocation rules and carbon intensity data. "
                    "The planning group reviewed every release of Keelstone Plan's explanation screens and "
                    "pushed for the override reasons feature. The adoption group collects what works when "
                    "bringing supervisors and planners on board, and publishes short practice notes for all "
                    "customers.",
                ],
            },
            {
                "heading": "What has changed because of it",
                "paragraphs": [
                    "In the last year, seven of the twelve largest roadmap items started as council requests, "
                    "including customer-held encryption keys and scenario mode in Keelstone Plan. The council "
                    "also voted down a proposed feature, automatic schedule publishing without planner review, "
                    "and we dropped it. Any customer can nominate a member; nominations for the 2027 council "
                    "close at the end of January.",
                ],
            },
        ],
        "figures": [
            {"value": "60", "label": "council members from customer companies"},
            {"value": "7 of 12", "label": "largest roadmap items that began as council requests"},
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2025-11-25",
        "review_by": "2027-05-25",
    },
    {
        "slug": "second-year-plant-to-supply-chain",
        "title": "The Second Year: Extending Keelstone From the Plant to the Supply Chain",
        "format": "article",
        "stage": "advocacy",
        "personas": ["vp-operations", "business-strategist", "transformational-leader"],
        "segments": [],
        "topics": ["supply-chain-visibility", "legacy-modernisation"],
        "summary": (
            "Most customers start inside their plants. The ones who get the most from their second year connect "
            "outwards to warehouses, carriers and suppliers. A playbook based on twenty-one expansions."
        ),
        "sections": [
            {
                "heading": "Why look outward",
                "paragraphs": [
                    "A plant that trusts its own numbers quickly runs into the limits of what it can see. "
                    "Output is reliable, but late materials still arrive without warning and finished goods "
                    "still disappear into a warehouse system nobody in the plant can read. Of the customers "
                    "who extended Keelstone beyond their plants in their second year, most started because "
                    "plant managers kept asking the same question: where is the stuff we need, and where is "
                    "the stuff we made?",
                ],
            },
            {
                "heading": "The usual order of expansion",
                "paragraphs": [
                    "Across twenty-one customer expansions, the most successful sequence was finished goods "
                    "first, then inbound materials, then carriers. Connecting the warehouse system closes the "
                    "gap between 'made' and 'available to ship' within weeks. Inbound supplier data, often "
                    "from advance shipping notices and supplier portals, takes longer because data quality "
                    "varies widely. Carrier data comes last and is most valuable for operators with their own "
                    "customer delivery commitments. "
                    "Customers who tried to connect suppliers first generally stalled on data quality and "
                    "returned to the warehouse.",
                ],
            },
            {
                "heading": "Retiring old interfaces as you go",
                "paragraphs": [
                    "Expansion is also the best moment to retire point-to-point interfaces between plant and "
                    "warehouse systems, many of them written decades ago. Treat every new connection as a "
                    "chance to switch off an old one, and count them. One discrete manufacturer retired "
                    "fourteen interfaces in its second year, which its IT team valued more than any dashboard.",
                ],
            },
        ],
        "figures": [],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-11-10",
        "review_by": "2027-11-10",
    },
    {
        "slug": "keelstone-customer-benchmark-2026",
        "title": "Keelstone Customer Benchmark 2026: What Two Years of Connected Operations Data Shows",
        "format": "research_report",
        "stage": "advocacy",
        "personas": ["vp-operations", "head-of-data", "turnaround-artist"],
        "segments": ["mid-market", "enterprise"],
        "topics": ["operational-resilience", "plant-data-integration"],
        "summary": (
            "Anonymised data from 212 customer sites shows how downtime, data quality and meeting time change "
            "over two years, and lets each customer compare its own sites with peers of similar size and industry."
        ),
        "sections": [
            {
                "heading": "About the benchmark",
                "paragraphs": [
                    "With customers' permission, we aggregated anonymised measures from 212 sites that had been "
                    "live on Keelstone for at least two years by June 2026. No site or company can be identified, "
                    "and customers opted in individually. Because every site uses the same measure definitions "
                    "from the Measures Library, comparisons are like for like in a way that industry surveys, "
                    "based on self-reported figures, rarely manage.",
                ],
            },
            {
                "heading": "What changes in year two",
                "paragraphs": [
                    "The first year's gains come mostly from visibility: unplanned downtime fell by a median of "
                    "19 percent. In the second year it fell a further 11 percent, driven by repeat-fault "
                    "reviews and, at sites using Keelstone Plan, by scheduling around unreliable assets. Data "
                    "corrections needed per thousand records fell from 14 to 3 as sources were fixed rather "
                    "than patched. "
                    "The median daily production meeting shortened from 41 minutes to 19.",
                ],
            },
            {
                "heading": "Using your own comparison",
                "paragraphs": [
                    "Every participating customer receives a private report comparing each of its sites with "
                    "the median and top quartile of peers in the same industry and size band. Customer success "
                    "managers walk through the report with site leaders, focusing on one or two measures where "
                    "the gap is largest. Customers who did not participate this year can opt in for 2027 through "
                    "their administrator settings.",
                ],
            },
        ],
        "figures": [
            {"value": "212", "label": "customer sites with two or more years of data"},
            {"value": "28%", "label": "median reduction in unplanned downtime over two years"},
            {"value": "14 to 3", "label": "data corrections per thousand records"},
            {"value": "41 to 19 min", "label": "median daily production meeting"},
        ],
        "faq": [],
        "case_study": None,
        "download": None,
        "published": "2026-11-17",
        "review_by": "2027-11-17",
    },
]
