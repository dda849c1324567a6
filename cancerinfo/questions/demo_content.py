"""Demonstration questions and answers: our own writing, sample content, not medical advice.

Each question links to booklet sections as "booklet-slug/section-slug"; links to sections that do not exist are
skipped when the demo is loaded. A question may also have a version for health professionals
(professional_answer, professional_detail, professional_references).
"""

BONE = "Secondary bone cancer"
CHEMO = "Chemotherapy"

QUESTIONS = [
    {
        "title": "What is secondary bone cancer?",
        "short_answer": "Secondary bone cancer is cancer that started somewhere else in the body and has spread to "
        "the bones. It is not the same as cancer that starts in the bone.",
        "detail": [
            (
                "paragraph",
                "<p>Cancer cells can break away from where the cancer started and travel in the blood to "
                "the bones. There they can grow into new tumours. Doctors call these secondaries or metastases.</p>"
                "<p>Under a microscope the cells look like the cancer they came from. So breast cancer that has spread "
                "to the bone is still treated as breast cancer.</p>",
            ),
            (
                "key_points",
                {
                    "heading": "Key points",
                    "points": [
                        "Secondary bone cancer has spread from another part of the body.",
                        "It is treated according to where the cancer started.",
                        "Treatment can often control it for a long time.",
                    ],
                },
            ),
        ],
        "cancer_types": [BONE],
        "topics": ["about"],
        "sections": ["secondary-bone-cancer/what-is-secondary-bone-cancer", "secondary-bone-cancer/the-bones"],
    },
    {
        "title": "Which cancers spread to the bones most often?",
        "short_answer": "Breast, prostate, lung, kidney and thyroid cancers, and myeloma, are the cancers that most "
        "often affect the bones.",
        "detail": [
            (
                "paragraph",
                "<p>Any cancer can spread to the bones, but some do so more often than others. Your "
                "specialist can tell you how likely this is for the type of cancer you have.</p>",
            ),
        ],
        "cancer_types": [BONE],
        "topics": ["about", "risk"],
        "sections": ["secondary-bone-cancer/what-are-the-causes"],
    },
    {
        "title": "What are the symptoms of secondary bone cancer?",
        "short_answer": "The most common symptom is a dull, constant pain in the bone that may be worse at night. "
        "Some people have no symptoms at first.",
        "detail": [
            (
                "paragraph",
                "<p>Other symptoms can include:</p><ul><li>a bone that breaks more easily than usual</li>"
                "<li>feeling sick, thirsty or confused, caused by too much calcium in the blood</li>"
                "<li>tiredness</li></ul>",
            ),
            (
                "warning",
                {
                    "heading": "Contact your hospital straight away if",
                    "text": "<ul><li>you have new back pain with numbness or weakness in your legs</li>"
                    "<li>you have problems passing urine or opening your bowels</li></ul>",
                },
            ),
        ],
        "cancer_types": [BONE],
        "topics": ["symptoms"],
        "sections": ["secondary-bone-cancer/what-are-the-symptoms", "secondary-bone-cancer/treating-pain"],
    },
    {
        "title": "How do doctors find out if cancer has spread to my bones?",
        "short_answer": "Usually with a scan, such as a bone scan, CT scan or MRI scan, and sometimes blood tests.",
        "detail": [
            (
                "paragraph",
                "<p>A bone scan uses a small amount of a radioactive substance to show areas of bone that "
                "are changing. An MRI scan gives detailed pictures and is often used to check the spine.</p>"
                "<p>You may need more than one test. Waiting for results can be hard. It can help to talk to someone "
                "close to you or to one of our nurses.</p>",
            ),
        ],
        "cancer_types": [BONE],
        "topics": ["tests"],
        "sections": ["secondary-bone-cancer/how-it-is-diagnosed"],
    },
    {
        "title": "Can secondary bone cancer be cured?",
        "short_answer": "It usually cannot be cured, but treatment can often control it, ease symptoms and help "
        "people live well for months or years.",
        "detail": [
            (
                "paragraph",
                "<p>How long treatment controls the cancer is different for each person. It depends on "
                "the type of cancer and how it responds to treatment. Your specialist is the best person to ask about "
                "your situation.</p>",
            ),
        ],
        "cancer_types": [BONE],
        "topics": ["outlook", "treatment"],
        "sections": ["secondary-bone-cancer/types-of-treatment-used", "secondary-bone-cancer/follow-up"],
    },
    {
        "title": "Will radiotherapy help my bone pain?",
        "short_answer": "Yes, for most people. A short course of radiotherapy to the painful area often reduces the "
        "pain within a few weeks.",
        "detail": [
            (
                "paragraph",
                "<p>You may have a single treatment or a few treatments over a week or two. The pain can "
                "get a little worse for a day or two before it gets better. Keep taking your painkillers until your "
                "doctor tells you to change them.</p>",
            ),
        ],
        "cancer_types": [BONE],
        "treatments": ["Radiotherapy", "Pain relief"],
        "topics": ["treatment", "symptoms"],
        "sections": ["secondary-bone-cancer/radiotherapy", "secondary-bone-cancer/treating-pain"],
    },
    {
        "title": "What are bisphosphonates and why have I been offered them?",
        "short_answer": "Bisphosphonates are drugs that protect the bones. They can reduce pain, lower the risk of "
        "fractures and treat high calcium levels.",
        "detail": [
            (
                "paragraph",
                "<p>They are given as a drip into a vein every few weeks, or as tablets. Before you start, "
                "your doctor may ask you to see a dentist, because a rare side effect affects the jaw bone.</p>",
            ),
            (
                "callout",
                {
                    "heading": "Talk to your doctor or nurse",
                    "text": "<p>Tell them if you have toothache, a loose tooth or a sore gum while you are "
                    "having bisphosphonates.</p>",
                },
            ),
        ],
        "cancer_types": [BONE],
        "treatments": ["Bisphosphonates"],
        "topics": ["treatment"],
        "sections": ["secondary-bone-cancer/bisphosphonates", "secondary-bone-cancer/treating-weakened-bones"],
        "professional_answer": "In secondary bone cancer, bisphosphonates lower the risk of skeletal-related events "
        "(fractures, spinal cord compression, the need for radiotherapy or surgery to bone) and help treat "
        "hypercalcaemia. Check renal function, calcium and dental health before starting.",
        "professional_detail": [
            (
                "paragraph",
                "<p>The choice of drug, dose and interval depends on the primary cancer, renal function and local "
                "protocols. Intravenous zoledronic acid is widely used; some teams lengthen the interval once "
                "treatment is established. Denosumab is an alternative for some cancers: it does not depend on "
                "renal clearance but carries a higher risk of hypocalcaemia.</p>",
            ),
            (
                "key_points",
                {
                    "heading": "Before and during treatment",
                    "points": [
                        "Check serum creatinine before each dose and adjust or withhold it as the product "
                        "information advises.",
                        "Check calcium and vitamin D first, and correct low levels.",
                        "Arrange a dental review before starting where possible.",
                        "Warn patients that some have flu-like symptoms for a day or two after the first infusion.",
                    ],
                },
            ),
            (
                "callout",
                {
                    "heading": "Osteonecrosis of the jaw",
                    "text": "<p>The risk grows with length of treatment and after dental extractions. Ask patients "
                    "about jaw pain, loose teeth or exposed bone at each review, and discuss invasive dental "
                    "treatment with the oncology team first.</p>",
                },
            ),
        ],
    },
    {
        "title": "What is hypercalcaemia?",
        "short_answer": "Hypercalcaemia means too much calcium in the blood. It can happen when cancer affects the "
        "bones, and it is treated with fluids and drugs.",
        "detail": [
            (
                "paragraph",
                "<p>Signs include feeling very thirsty, passing a lot of urine, feeling sick, "
                "constipation and feeling confused or drowsy.</p>",
            ),
            (
                "warning",
                {
                    "heading": "Contact your hospital straight away if",
                    "text": "<p>you have these symptoms. Hypercalcaemia can be serious, but it is usually "
                    "easy to treat.</p>",
                },
            ),
        ],
        "cancer_types": [BONE],
        "treatments": ["Bisphosphonates"],
        "topics": ["symptoms", "treatment"],
        "sections": ["secondary-bone-cancer/treating-hypercalcaemia"],
    },
    {
        "title": "Will I need an operation on a weakened bone?",
        "short_answer": "Sometimes. If a bone is very weak or has broken, surgery can strengthen it, often with a "
        "metal rod or plate.",
        "detail": [
            (
                "paragraph",
                "<p>Surgery is usually followed by radiotherapy to the same area. Your team will talk "
                "with you about the benefits and risks before you decide.</p>",
            ),
        ],
        "cancer_types": [BONE],
        "treatments": ["Surgery"],
        "topics": ["treatment"],
        "sections": ["secondary-bone-cancer/surgery", "secondary-bone-cancer/treating-weakened-bones"],
    },
    {
        "title": "Can I still exercise with secondary bone cancer?",
        "short_answer": "Usually yes. Gentle activity is good for you, but ask your team which activities are safe "
        "for your bones.",
        "detail": [
            (
                "paragraph",
                "<p>Walking, swimming and gentle stretching suit many people. Avoid heavy lifting and "
                "contact sports if a bone is weak. A physiotherapist can plan exercise that is right for you.</p>",
            ),
        ],
        "cancer_types": [BONE],
        "topics": ["living-with-cancer"],
        "sections": ["secondary-bone-cancer/what-you-can-do", "secondary-bone-cancer/follow-up"],
    },
    {
        "title": "Are there clinical trials for secondary bone cancer?",
        "short_answer": "Yes. Trials are looking at new drugs and better ways of giving radiotherapy. Ask your "
        "specialist whether a trial might suit you.",
        "detail": [
            (
                "paragraph",
                "<p>Taking part in a trial is always your choice. If you decide not to, or to stop, you "
                "will still get the best standard treatment.</p>",
            ),
        ],
        "cancer_types": [BONE],
        "topics": ["research"],
        "sections": ["secondary-bone-cancer/research-clinical-trials"],
    },
    {
        "title": "How does chemotherapy work?",
        "short_answer": "Chemotherapy uses drugs that damage cancer cells so they cannot divide and grow. "
        "Healthy cells can be affected too, which causes side effects.",
        "detail": [
            (
                "paragraph",
                "<p>Most healthy cells recover after treatment, so most side effects go away once "
                "chemotherapy is over. You usually have treatment in cycles, with rest periods in between.</p>",
            ),
        ],
        "treatments": [CHEMO],
        "topics": ["treatment", "about"],
        "sections": ["chemotherapy/how-chemotherapy-works", "chemotherapy/what-is-chemotherapy"],
    },
    {
        "title": "Will chemotherapy make my hair fall out?",
        "short_answer": "It depends on the drugs. Some cause hair loss and some do not. Your nurse can tell you what "
        "to expect from your treatment.",
        "detail": [
            (
                "paragraph",
                "<p>If your hair does fall out, it usually starts a few weeks after treatment begins and "
                "grows back after treatment ends. Some hospitals offer scalp cooling, which can reduce hair loss with "
                "some drugs.</p>",
            ),
        ],
        "treatments": [CHEMO],
        "topics": ["treatment", "living-with-cancer"],
        "sections": ["chemotherapy/side-effects"],
    },
    {
        "title": "Why is infection a risk during chemotherapy?",
        "short_answer": "Chemotherapy can lower the number of white blood cells that fight infection, so an "
        "infection can become serious quickly.",
        "detail": [
            (
                "warning",
                {
                    "heading": "Contact your hospital straight away if",
                    "text": "<ul><li>your temperature goes above 37.5°C</li><li>you suddenly feel unwell, "
                    "even with a normal temperature</li></ul>",
                },
            ),
            (
                "paragraph",
                "<p>Your hospital will give you a 24-hour number to call. Keep it with you at all times.</p>",
            ),
        ],
        "treatments": [CHEMO],
        "topics": ["treatment", "symptoms"],
        "sections": ["chemotherapy/infection-risk"],
    },
    {
        "title": "How can I cope with tiredness during chemotherapy?",
        "short_answer": "Plan your day, rest when you need to and do some gentle activity. Tiredness usually improves "
        "a few months after treatment ends.",
        "detail": [
            (
                "paragraph",
                "<p>Short walks can help you feel less tired. Accept offers of help with shopping and "
                "housework. Tell your team if you are very tired, because it can be a sign of anaemia, which can be "
                "treated.</p>",
            ),
        ],
        "treatments": [CHEMO],
        "topics": ["living-with-cancer", "treatment"],
        "sections": ["chemotherapy/tiredness"],
    },
    {
        "title": "What should I eat during chemotherapy?",
        "short_answer": "Eat what you can and drink plenty of fluids. If eating is hard, small meals and snacks "
        "often work better than big meals.",
        "detail": [
            (
                "paragraph",
                "<p>If you are losing weight or cannot eat, ask to see a dietitian. Check with your team "
                "before taking vitamins, supplements or herbal remedies, as some can affect treatment.</p>",
            ),
        ],
        "treatments": [CHEMO],
        "topics": ["living-with-cancer"],
        "sections": ["chemotherapy/eating-and-drinking"],
    },
    {
        "title": "Can I have sex during chemotherapy?",
        "short_answer": "Usually yes, but use a condom during treatment and for a short time afterwards, and use "
        "contraception to avoid pregnancy.",
        "detail": [
            (
                "paragraph",
                "<p>Chemotherapy drugs may be present in body fluids for a few days after treatment. "
                "Some drugs can affect fertility. Ask your team about this before treatment starts, as there may be "
                "ways to protect it.</p>",
            ),
        ],
        "treatments": [CHEMO],
        "topics": ["living-with-cancer"],
        "sections": ["chemotherapy/sex-fertility-and-contraception"],
    },
    {
        "title": "Can I work during chemotherapy?",
        "short_answer": "Some people keep working, often with fewer hours. Others need time off. It depends on the "
        "treatment, your job and how you feel.",
        "detail": [
            (
                "paragraph",
                "<p>Talk to your employer about changes that could help, such as flexible hours or "
                "working from home. In the UK, employers must make reasonable adjustments for people with cancer.</p>",
            ),
        ],
        "treatments": [CHEMO],
        "topics": ["practical-and-money", "living-with-cancer"],
        "sections": ["chemotherapy/having-chemotherapy"],
    },
    {
        "title": "Should I tell my children that I have cancer?",
        "short_answer": "Most experts agree that it is better to tell children, in words that suit their age. "
        "Children often sense when something is wrong.",
        "detail": [
            (
                "paragraph",
                "<p>Being honest helps children trust you and feel less alone. You do not have to tell "
                "them everything at once.</p>",
            ),
            (
                "quote",
                {
                    "quote": "Once we told them, the house felt calmer. They could ask us things.",
                    "attribution": "A parent (sample quote)",
                },
            ),
        ],
        "topics": ["feelings", "living-with-cancer"],
        "sections": [
            "talking-to-children/why-talk-to-children",
            "talking-to-children/getting-ready-to-talk",
            "secondary-bone-cancer/talking-to-children",
        ],
    },
    {
        "title": "What do I say to a young child about cancer?",
        "short_answer": "Use simple, honest words, give a little information at a time, and tell them they did not "
        "cause it and cannot catch it.",
        "detail": [
            (
                "paragraph",
                "<p>Young children understand more from what they see than from what they hear. Tell "
                "them about changes they will notice, such as hair loss or you being tired.</p>",
            ),
        ],
        "topics": ["feelings"],
        "sections": ["talking-to-children/what-to-say-at-different-ages", "talking-to-children/questions-children-ask"],
    },
    {
        "title": "My child is behaving differently since my diagnosis. Is that normal?",
        "short_answer": "Yes. Children often show their feelings through their behaviour. Keeping routines and "
        "giving them time to talk usually helps.",
        "detail": [
            (
                "paragraph",
                "<p>Let their school or nursery know what is happening, so they can offer support. If "
                "you are worried, your GP or our nurses can suggest where to get help.</p>",
            ),
        ],
        "topics": ["feelings", "living-with-cancer"],
        "sections": ["talking-to-children/changes-in-behaviour", "talking-to-children/keeping-routines"],
    },
    {
        "title": "Where can I get help with money worries?",
        "short_answer": "You may be able to get benefits, grants or help with travel costs. A benefits adviser can "
        "check what you are entitled to.",
        "detail": [
            (
                "paragraph",
                "<p>Many hospitals have a welfare rights adviser. You can also call our helpline to talk "
                "to someone about money and work.</p>",
            ),
        ],
        "topics": ["practical-and-money"],
        "sections": ["secondary-bone-cancer/who-can-help", "talking-to-children/help-and-support"],
    },
    {
        "title": "How can I cope with my feelings after a diagnosis of secondary cancer?",
        "short_answer": "Many people feel shocked, angry or frightened. These feelings are normal, and talking about "
        "them often helps.",
        "detail": [
            (
                "paragraph",
                "<p>You might want to talk to family, friends, your specialist nurse or a counsellor. "
                "Some people find support groups helpful, where they can meet others in a similar situation.</p>",
            ),
        ],
        "cancer_types": [BONE],
        "topics": ["feelings"],
        "sections": ["secondary-bone-cancer/your-feelings", "chemotherapy/your-feelings"],
    },
]
