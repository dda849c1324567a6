"""Demonstration booklets: our own writing, sample content, not medical advice.

Body blocks are (kind, value) pairs using the blocks in cancerinfo.core.blocks. Cross-links are written
<a data-link="booklet-slug/section-slug">text</a> (or data-link="booklet-slug") and become real page links when
loaded by cancerinfo.booklets.demo. The small helpers below only build those pairs, so the text stays easy to read.
"""

import re

_HTML_START = re.compile(r"^<(h3|h4|ul|ol|p)[ >]")


def _p(*parts: str) -> tuple[str, str]:
    """A rich-text block. Plain strings become paragraphs; headings and lists (from _h2, _ul) are kept as they are."""
    return ("paragraph", "".join(part if _HTML_START.match(part) else f"<p>{part}</p>" for part in parts))


def _h2(text: str) -> str:
    return f"<h2>{text}</h2>"


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def _link(target: str, text: str) -> str:
    return f'<a data-link="{target}">{text}</a>'


def _web(url: str, text: str) -> str:
    return f'<a href="{url}">{text}</a>'


def _talk(*parts: str, heading: str = "Talk to your doctor or nurse") -> tuple[str, dict]:
    return ("callout", {"heading": heading, "text": _p(*parts)[1]})


def _urgent(*items: str, heading: str = "Contact your hospital straight away if") -> tuple[str, dict]:
    return ("warning", {"heading": heading, "text": _ul(*items)})


def _key(*points: str, heading: str = "Key points") -> tuple[str, dict]:
    return ("key_points", {"heading": heading, "points": list(points)})


def _quote(text: str, attribution: str) -> tuple[str, dict]:
    return ("quote", {"quote": text, "attribution": attribution})


def _section(title: str, summary: str, topics: list[str], *body: tuple, slug: str | None = None) -> dict:
    section = {"title": title, "summary": summary, "topics": topics, "body": list(body)}
    if slug:
        section["slug"] = slug
    return section


def _references_body(references: list[dict]) -> tuple[str, str]:
    items = []
    for ref in references:
        text = f"{ref['title']}. {ref['source']}, {ref['year']}."
        items.append(f"{_web(ref['url'], ref['title'])}. {ref['source']}, {ref['year']}." if ref.get("url") else text)
    return _p("These are some of the sources we used to write this booklet.", _ul(*items))


# ---------------------------------------------------------------------------------------------------------------------
# Shared vocabulary: cancer types and treatments (used for browsing and the A–Z list)
# ---------------------------------------------------------------------------------------------------------------------

CANCER_TYPES = [
    {
        "name": "Secondary bone cancer",
        "other_names": "bone metastases, metastatic bone disease, secondary cancer in the bone, bone mets",
        "summary": "Cancer that started somewhere else in the body and has spread to the bones.",
    },
    {
        "name": "Breast cancer",
        "other_names": "carcinoma of the breast, ductal carcinoma, lobular carcinoma",
        "summary": "Cancer that starts in the cells of the breast, in women and, less often, in men.",
    },
    {
        "name": "Prostate cancer",
        "other_names": "carcinoma of the prostate, prostate adenocarcinoma",
        "summary": "Cancer that starts in the prostate, a small gland below the bladder in men.",
    },
    {
        "name": "Lung cancer",
        "other_names": "non-small cell lung cancer, small cell lung cancer, bronchial carcinoma",
        "summary": "Cancer that starts in the lungs or the airways that lead to them.",
    },
    {
        "name": "Bowel cancer",
        "other_names": "colorectal cancer, colon cancer, rectal cancer",
        "summary": "Cancer that starts in the large bowel, which is made up of the colon and the rectum.",
    },
    {
        "name": "Kidney cancer",
        "other_names": "renal cancer, renal cell carcinoma",
        "summary": "Cancer that starts in one of the kidneys, which clean the blood and make urine.",
    },
    {
        "name": "Myeloma",
        "other_names": "multiple myeloma, plasma cell myeloma, myelomatosis",
        "summary": "A blood cancer that starts in plasma cells in the bone marrow and often affects the bones.",
    },
    {
        "name": "Leukaemia",
        "other_names": "leukemia, blood cancer",
        "summary": "Cancer of the white blood cells, which starts in the bone marrow.",
    },
    {
        "name": "Lymphoma",
        "other_names": "Hodgkin lymphoma, non-Hodgkin lymphoma, lymphatic cancer",
        "summary": "Cancer that starts in the lymphatic system, which helps the body fight infection.",
    },
    {
        "name": "Skin cancer (melanoma)",
        "other_names": "melanoma, malignant melanoma, cutaneous melanoma",
        "summary": "Cancer that starts in the cells that give skin its colour, often in a mole.",
    },
    {
        "name": "Ovarian cancer",
        "other_names": "cancer of the ovary, ovarian carcinoma",
        "summary": "Cancer that starts in the ovaries or the fallopian tubes.",
    },
    {
        "name": "Womb cancer",
        "other_names": "uterine cancer, endometrial cancer, cancer of the uterus",
        "summary": "Cancer that starts in the womb, most often in its lining.",
    },
    {
        "name": "Thyroid cancer",
        "other_names": "papillary thyroid cancer, follicular thyroid cancer",
        "summary": "Cancer that starts in the thyroid, a small gland in the front of the neck.",
    },
    {
        "name": "Pancreatic cancer",
        "other_names": "cancer of the pancreas, pancreatic adenocarcinoma",
        "summary": "Cancer that starts in the pancreas, which helps with digestion and controls blood sugar.",
    },
    {
        "name": "Brain tumours",
        "other_names": "brain tumor, brain cancer, glioma, glioblastoma",
        "summary": "A growth of cells in the brain, which may or may not be cancer.",
    },
]

TREATMENTS = [
    {"name": "Chemotherapy", "summary": "Drugs that destroy cancer cells or stop them from growing."},
    {"name": "Radiotherapy", "summary": "High-energy rays aimed at the cancer to destroy cancer cells."},
    {
        "name": "Hormonal therapy",
        "summary": "Drugs that block or lower hormones that some cancers need to grow.",
    },
    {"name": "Surgery", "summary": "An operation to remove the cancer or to repair or support part of the body."},
    {"name": "Bisphosphonates", "summary": "Drugs that help protect bones from damage by cancer."},
    {"name": "Immunotherapy", "summary": "Drugs that help the body's own immune system find and attack cancer."},
    {
        "name": "Targeted therapy",
        "summary": "Drugs that act on particular things in cancer cells that help them grow.",
    },
    {
        "name": "Stem cell transplant",
        "summary": "A treatment that replaces damaged bone marrow with healthy cells that make blood.",
    },
    {
        "name": "Palliative care",
        "summary": "Care that eases symptoms and supports you and your family when cancer cannot be cured.",
    },
    {"name": "Pain relief", "summary": "Medicines and other ways to control pain caused by cancer or its treatment."},
]

# ---------------------------------------------------------------------------------------------------------------------
# Booklet 1: Understanding secondary cancer in the bone
# ---------------------------------------------------------------------------------------------------------------------

BONE = "secondary-bone-cancer"

BONE_REFERENCES = [
    {
        "title": "Spinal metastases and metastatic spinal cord compression (NICE guideline NG234)",
        "source": "National Institute for Health and Care Excellence (NICE)",
        "year": 2023,
        "url": "https://www.nice.org.uk/guidance/ng234",
    },
    {
        "title": "Denosumab for the prevention of skeletal-related events in adults with bone metastases from solid "
        "tumours (NICE technology appraisal TA265)",
        "source": "National Institute for Health and Care Excellence (NICE)",
        "year": 2012,
        "url": "https://www.nice.org.uk/guidance/ta265",
    },
    {
        "title": "Advanced breast cancer: diagnosis and treatment (NICE guideline CG81)",
        "source": "National Institute for Health and Care Excellence (NICE)",
        "year": 2009,
        "url": "https://www.nice.org.uk/guidance/cg81",
    },
    {
        "title": "Prostate cancer: diagnosis and management (NICE guideline NG131)",
        "source": "National Institute for Health and Care Excellence (NICE)",
        "year": 2019,
        "url": "https://www.nice.org.uk/guidance/ng131",
    },
    {
        "title": "Palliative care for adults: strong opioids for pain relief (NICE guideline CG140)",
        "source": "National Institute for Health and Care Excellence (NICE)",
        "year": 2012,
        "url": "https://www.nice.org.uk/guidance/cg140",
    },
    {
        "title": "Radiotherapy",
        "source": "NHS website",
        "year": 2023,
        "url": "https://www.nhs.uk/conditions/radiotherapy/",
    },
]


def _b(section: str) -> str:
    """The address of a section of the bone booklet, for cross-links."""
    return f"{BONE}/{section}"


BONE_SECTIONS = [
    _section(
        "Introduction",
        "Who this booklet is for and how to use it.",
        ["about"],
        _p(
            "This booklet is for people who have been told that cancer has spread to their bones. "
            "It is also for their family and friends.",
            "Many people live with secondary bone cancer for a long time. "
            "There are good treatments to control it, ease pain and keep bones strong. "
            "This booklet explains what secondary bone cancer is and how it can be treated. "
            "It also has tips on coping and on where to find help.",
            "You do not need to read it all at once. Use the contents list to find the parts you need. "
            "You may want to come back to it later, or share it with people close to you.",
            "If you have questions after reading it, ask your doctor or nurse at the hospital. "
            f"You can also talk to our nurses: see {_link(_b('our-services'), 'our services')}.",
        ),
        _key(
            "Cancer that has spread to the bone can often be controlled for a long time.",
            "Treatment can ease pain and make bones stronger.",
            "Your team will plan treatment that suits you.",
            "Help and support are there for you and your family.",
        ),
    ),
    _section(
        "What is secondary bone cancer",
        "What it means when cancer spreads to the bone, and how it differs from cancer that starts in the bone.",
        ["about"],
        _p(
            "Cancer starts when cells in one part of the body grow out of control. "
            "The place where it starts is called the <strong>primary cancer</strong>.",
            "Sometimes cells break away from the primary cancer. They travel in the blood to another part of the body. "
            "There they can grow into a new tumour. This is called a <strong>secondary cancer</strong> or a "
            "<strong>metastasis</strong>. When it is in the bone, doctors call it secondary bone cancer or "
            "bone metastases.",
            "The cancer in the bone is made of the same type of cells as the primary cancer. "
            "So breast cancer that has spread to the bone is still breast cancer. "
            "It is treated like breast cancer, not like a cancer that started in the bone.",
            "Cancer that starts in the bone is called primary bone cancer. It is rare and it is a different illness. "
            "This booklet is only about cancer that has spread to the bone.",
        ),
        _p(
            _h2("Which bones are affected?"),
            "Secondary cancer can appear in any bone. It is most common in:",
            _ul(
                "the spine (backbone)",
                "the pelvis (hips)",
                "the ribs",
                "the skull",
                "the long bones of the upper arms and legs",
            ),
            "It may be in one place or in several bones at the same time.",
        ),
    ),
    _section(
        "The bones",
        "What bones do and how they are kept healthy, to help you understand how cancer affects them.",
        ["about"],
        _p(
            "Bones give your body its shape. They hold you up and let you move. "
            "They also protect the soft parts inside you, like the brain, heart and lungs.",
            "Inside many bones is a soft, spongy part called the <strong>bone marrow</strong>. "
            "This is where the body makes blood cells.",
            "Bones also store <strong>calcium</strong>. Calcium is a mineral that keeps bones hard and strong. "
            "Your nerves, muscles and heart need it too.",
        ),
        _p(
            _h2("Bones are always being renewed"),
            "Bone is living tissue. All through life, old bone is broken down and new bone is made. "
            "Two kinds of cells do this work:",
            _ul(
                "<strong>osteoclasts</strong> break down and remove old bone",
                "<strong>osteoblasts</strong> build new bone",
            ),
            "Normally the two kinds of cells are in balance. This keeps bones healthy and strong.",
            "Cancer cells in the bone can upset this balance. "
            "Often they make the osteoclasts work too hard, so too much bone is broken down. "
            "The bone can then become thin and weak. "
            "Sometimes too much new bone is made instead. This new bone is not laid down properly, "
            "so it is weaker than normal bone.",
        ),
    ),
    _section(
        "What are the causes?",
        "Why some cancers spread to the bone, and which cancers do this most often.",
        ["about", "risk"],
        _p(
            "We do not fully know why some cancers spread and others do not. "
            "It is not caused by anything you did or did not do. "
            "It cannot be passed on to other people.",
            "Cancer cells can travel in the blood to the bone marrow. Some of them settle there and start to grow. "
            "Bone marrow has a good blood supply, which may help them to grow.",
            "Any cancer can spread to the bone. It is most common with these cancers:",
            _ul(
                "breast cancer",
                "prostate cancer",
                "lung cancer",
                "kidney cancer",
                "thyroid cancer",
            ),
            "Myeloma is a cancer of the bone marrow. It often damages the bones in a similar way. "
            "Many of the treatments in this booklet are used for myeloma too.",
            "Sometimes secondary bone cancer is found years after the first cancer was treated. "
            "Sometimes it is found at the same time as the primary cancer.",
        ),
    ),
    _section(
        "What are the symptoms?",
        "The most common symptoms, including pain, broken bones, high calcium and pressure on the spinal cord.",
        ["symptoms"],
        _p(
            "Everyone is different. Some people have no symptoms at first. "
            "The cancer may be found on a scan done for another reason.",
            _h2("Pain"),
            "Pain is the most common symptom. It may start as an ache that comes and goes. "
            "Over time it may be there all the time. It is often worse at night or when you move. "
            f"Pain can usually be well controlled. See {_link(_b('treating-pain'), 'treating pain')}.",
            _h2("Weaker bones"),
            "Cancer can make a bone weaker, so it may break more easily. "
            "A break is called a <strong>fracture</strong>. "
            "Tell your doctor straight away if you have new pain or cannot move a limb. "
            f"See {_link(_b('treating-weakened-bones'), 'treating weakened bones')}.",
            _h2("Too much calcium in the blood"),
            "When bone is broken down, calcium can leak into the blood. A high level is called "
            "<strong>hypercalcaemia</strong>. It can make you thirsty, tired, sick and confused. "
            f"It is easy to treat. See {_link(_b('treating-hypercalcaemia'), 'treating hypercalcaemia')}.",
            _h2("Low blood counts"),
            "If cancer is in the bone marrow, you may make fewer blood cells. "
            "This can make you tired and breathless, or more likely to get infections or bruises.",
            _h2("Pressure on the spinal cord"),
            "The spinal cord is a bundle of nerves inside the backbone. If cancer in the spine presses on it, "
            "this is called <strong>spinal cord compression</strong>. It is not common, but it needs treatment "
            "quickly to protect the nerves.",
        ),
        _urgent(
            "you have new back or neck pain that is bad, keeps getting worse or stops you sleeping",
            "you have pain that spreads like a band around your chest or tummy",
            "you have numbness, pins and needles or weakness in your arms or legs",
            "you find it hard to walk or feel unsteady on your feet",
            "you have new problems passing urine or controlling your bladder or bowels",
            heading="Call your hospital straight away, day or night, if",
        ),
        _p(
            "These can be signs of spinal cord compression. Do not wait to see if they get better. "
            "If you cannot reach your hospital, call 999 or go to A&amp;E and tell them you have cancer in the bone."
        ),
    ),
    _section(
        "How it is diagnosed",
        "The tests and scans used to find secondary bone cancer and to check how it is responding.",
        ["tests"],
        _p(
            "Your doctor will ask about your symptoms and examine you. "
            "You will then have some tests. You may not need all of them.",
            _h2("Blood tests"),
            "A <strong>blood test</strong> can check your calcium level and how well your kidneys and liver work. "
            "It also checks your blood cell counts. Some blood tests look for substances made by the cancer.",
            _h2("X-rays"),
            "An <strong>X-ray</strong> can show damage to a bone. It can also show if a bone is broken "
            "or likely to break.",
            _h2("Bone scan"),
            "A <strong>bone scan</strong> can show changes in all the bones of the body. "
            "A small amount of a mildly radioactive liquid is injected into a vein. "
            "You wait for two to three hours while it travels to your bones. "
            "Then you lie still under a scanner. Areas of damaged bone take up more of the liquid, "
            "and show up on the scan. The amount of radiation is small and it soon leaves your body.",
            _h2("CT scan"),
            "A <strong>CT scan</strong> takes a series of X-rays that build a picture of the inside of the body. "
            "It takes about 10 to 30 minutes and does not hurt.",
            _h2("MRI scan"),
            "An <strong>MRI scan</strong> uses magnets to build a detailed picture. "
            "It is very good at showing the spine and the spinal cord. "
            "You lie inside a tunnel for about 30 to 60 minutes. It is noisy, so you will be given earplugs "
            "or headphones. Tell the staff if you have any metal in your body, such as a pacemaker.",
            _h2("PET-CT scan"),
            "Some people have a PET-CT scan. It shows how active cells are in different parts of the body.",
            _h2("Biopsy"),
            "Sometimes doctors need a small sample of the bone to be sure what it is. This is called a "
            "<strong>biopsy</strong>. It is done with a needle, using a local anaesthetic to numb the area. "
            "The sample is looked at under a microscope.",
        ),
        _talk(
            "Waiting for test results can be a worrying time. It may help to talk to someone close to you, "
            "or to our nurses. Ask your team when and how you will get your results."
        ),
    ),
    _section(
        "Types of treatment used",
        "An overview of the treatments for secondary bone cancer and how your team chooses them.",
        ["treatment"],
        _p(
            "Treatment aims to control the cancer, ease symptoms and keep bones as strong as possible. "
            "It cannot usually get rid of the cancer completely. But it can often keep it under control "
            "for months or years, and help you live well.",
            "The treatment you have depends on where the cancer started, which bones are affected, "
            "what treatment you have had before and your general health. "
            "A team of specialists will plan it with you. A doctor who treats cancer is called an "
            "<strong>oncologist</strong>.",
            "You may have one treatment or a mix of these:",
            _ul(
                f"{_link(_b('radiotherapy'), 'radiotherapy')} to treat painful areas of bone",
                f"{_link(_b('hormonal-therapy'), 'hormonal therapy')} for some breast and prostate cancers",
                f"{_link(_b('chemotherapy'), 'chemotherapy')} to treat cancer all through the body",
                f"{_link(_b('surgery'), 'surgery')} to support or repair a weak or broken bone",
                f"{_link(_b('bisphosphonates'), 'bisphosphonates')} or denosumab to protect the bones",
                f"{_link(_b('treating-pain'), 'pain relief')} to keep you comfortable",
            ),
            "Targeted therapies and immunotherapy are used for some cancers too. "
            "Your doctor will tell you if they could help you.",
        ),
        _talk(
            "It is fine to ask questions about your treatment. You might want to ask:",
            _ul(
                "What is the aim of my treatment?",
                "What side effects might I have, and how long will they last?",
                "Who can I contact if I feel unwell at home?",
            ),
            "Write your questions down before you go. Take someone with you if you can.",
            heading="Questions to ask your team",
        ),
    ),
    _section(
        "Radiotherapy",
        "How radiotherapy eases bone pain, what having it is like and its side effects.",
        ["treatment"],
        _p(
            "<strong>Radiotherapy</strong> uses high-energy rays to destroy cancer cells. "
            "It is very good at easing pain from cancer in the bone. "
            "Most people find that their pain gets better after treatment.",
            "It can also help to strengthen a bone after surgery, or treat pressure on the spinal cord.",
            _h2("Having radiotherapy"),
            "Radiotherapy is given in the hospital's radiotherapy department. "
            "You lie on a couch under a large machine. The staff make sure you are in the right position. "
            "Then they leave the room while the machine gives the treatment. "
            "You can talk to them through an intercom. The treatment does not hurt and takes a few minutes.",
            "For bone pain, many people have just one treatment. Some people have a short course over a few days.",
            "Radiotherapy given from a machine does not make you radioactive. "
            "It is safe to be with other people, including children, afterwards.",
            _h2("How soon does it work?"),
            "Pain often starts to ease within one to two weeks. It may take up to six weeks to get the full effect. "
            "Keep taking your painkillers until your doctor says you can cut them down.",
            _h2("Side effects"),
            "Side effects are usually mild and short-lived. They depend on the part of the body treated. You may have:",
            _ul(
                "a short time when the pain gets worse, called a pain flare, for a day or two after treatment",
                "tiredness for a few weeks",
                "feeling sick, if the area treated is near the stomach",
                "loose stools (diarrhoea), if the pelvis is treated",
                "red or sore skin in the treated area",
            ),
            "Your team can give you medicines to help with most of these.",
            _h2("Radiotherapy given by injection"),
            "Some people with prostate cancer in several bones have a radioactive drug given into a vein. "
            "It travels to the bones and treats many areas at once. Your team will tell you about any safety steps "
            "you need to take for a few days afterwards.",
        ),
        _talk(
            "Tell your team if your pain gets worse after radiotherapy. "
            "They may suggest taking more painkillers for a few days, or a short course of steroids.",
        ),
    ),
    _section(
        "Hormonal therapy",
        "How hormonal therapy can control some breast and prostate cancers that have spread to the bone.",
        ["treatment"],
        _p(
            "Hormones are natural chemical messengers in the body. Some cancers need hormones to grow. "
            "<strong>Hormonal therapy</strong> lowers the level of these hormones or stops them from reaching "
            "the cancer cells. This can slow or stop the cancer.",
            "It is mainly used for breast cancer and prostate cancer. It can keep the cancer under control "
            "for a long time.",
            _h2("Breast cancer"),
            "Many breast cancers need the hormone oestrogen to grow. Hormonal therapy for breast cancer may be "
            "tablets taken every day, or an injection once a month. Your doctor will test the cancer to see if it is "
            "likely to help.",
            _h2("Prostate cancer"),
            "Prostate cancer needs the hormone testosterone to grow. Hormonal therapy lowers testosterone. "
            "It is usually given as an injection every one to three months, or as tablets.",
            _h2("Side effects"),
            "Side effects depend on the drug. Common ones are hot flushes, sweats, tiredness, "
            "joint aches, weight gain and less interest in sex. Some hormonal therapies can thin the bones over time. "
            "Your doctor may check your bones and suggest calcium and vitamin D.",
            "If one hormonal therapy stops working, your doctor may suggest a different one.",
        ),
    ),
    _section(
        "Chemotherapy",
        "When chemotherapy is used for secondary bone cancer and where to read more.",
        ["treatment"],
        _p(
            "<strong>Chemotherapy</strong> uses drugs to destroy cancer cells. "
            "The drugs travel in the blood, so they can reach cancer cells all through the body.",
            "It may be used to shrink or control the cancer in the bone and in other places. "
            "It can ease pain and other symptoms. Whether it is right for you depends on the type of primary cancer "
            "and on the treatments you have already had.",
            "Chemotherapy is usually given as a drip into a vein, or as tablets. "
            "You have it in cycles, with a rest between each one so your body can recover.",
            "Side effects can include tiredness, feeling sick, and a higher risk of infection. "
            "They depend on the drugs you have. Most go away after treatment ends.",
            "To find out more, read our booklet "
            f"{_link('chemotherapy', 'Understanding chemotherapy')}. It explains "
            f"{_link('chemotherapy/having-chemotherapy', 'how chemotherapy is given')} and "
            f"{_link('chemotherapy/side-effects', 'how to cope with side effects')}.",
        ),
    ),
    _section(
        "Surgery",
        "Operations that strengthen a weak bone, repair a broken one or take pressure off the spinal cord.",
        ["treatment"],
        _p(
            "Surgery does not usually remove the cancer in the bone. "
            "It is used to support or repair a bone so that you can move more easily and with less pain.",
            _h2("Strengthening a weak bone"),
            "If a long bone, such as the thigh bone, is weak and likely to break, a surgeon can put a metal rod "
            "or plate inside it. This is often done before the bone breaks. It can help you stay active.",
            _h2("Repairing a broken bone"),
            "If a bone has broken, an operation can fix it in place with metal pins, plates or rods. "
            "If the break is near a joint, such as the hip, you may have a joint replacement.",
            _h2("Surgery to the spine"),
            "Sometimes an operation can take pressure off the spinal cord or make the spine more stable.",
            "Some people have a small bone cement treatment instead. A surgeon injects a special cement into a "
            "damaged bone in the spine, through a needle. This can ease pain and support the bone.",
            _h2("After surgery"),
            "You will usually have radiotherapy to the area a few weeks later. This helps to stop the cancer growing "
            "and helps the bone to heal. A physiotherapist will help you get moving again.",
        ),
    ),
    _section(
        "Treating weakened bones",
        "Ways to protect and strengthen bones that have been weakened by cancer.",
        ["treatment", "living-with-cancer"],
        _p(
            "Cancer in the bone can make it weaker. There are several ways to protect your bones "
            "and lower the chance of a fracture.",
            _h2("Drugs that protect the bones"),
            f"{_link(_b('bisphosphonates'), 'Bisphosphonates')} slow down the cells that break down bone. "
            "They can make bones stronger, ease pain and lower the risk of a fracture.",
            "<strong>Denosumab</strong> is another drug that protects the bones. It works in a different way. "
            "It is given as an injection under the skin, usually every four weeks.",
            _h2("Radiotherapy"),
            f"{_link(_b('radiotherapy'), 'Radiotherapy')} can help a weak area of bone to heal and become stronger.",
            _h2("Surgery"),
            f"If a bone is at high risk of breaking, {_link(_b('surgery'), 'surgery')} can strengthen it "
            "with a metal rod or plate.",
            _h2("Looking after yourself"),
            _ul(
                "Ask your team which activities are safe for you.",
                "Avoid lifting heavy things, and ask for help with heavy tasks.",
                "Keep your home free of things you might trip over, like loose rugs.",
                "Ask a physiotherapist or occupational therapist about walking aids or equipment for your home.",
            ),
        ),
        _talk(
            "Tell your doctor straight away if you have new pain in a bone, or if you cannot put weight on a leg. "
            "It may mean the bone is weaker and needs treatment."
        ),
    ),
    _section(
        "Treating pain",
        "Painkillers and other ways to control pain from cancer in the bone.",
        ["treatment", "symptoms"],
        _p(
            "Pain is the most common symptom of cancer in the bone. "
            "It can almost always be eased, and often it can be controlled completely. "
            "You do not have to put up with it. Tell your team if you are in pain.",
            "There are many ways to treat pain. Often a mix works best.",
            _h2("Painkillers"),
            "Painkillers are also called <strong>analgesics</strong>. Your doctor will choose painkillers "
            "that suit the kind of pain you have and how bad it is.",
            _ul(
                "<strong>Mild pain</strong> can be treated with paracetamol, or anti-inflammatory drugs like "
                "ibuprofen. Anti-inflammatory drugs are often good for bone pain.",
                "<strong>Moderate pain</strong> may need a mild opioid painkiller such as codeine.",
                "<strong>Strong pain</strong> is treated with a strong opioid such as <strong>morphine</strong>.",
            ),
            "Painkillers work best when you take them regularly, as your doctor tells you. "
            "Do not wait for the pain to come back before taking the next dose.",
            "Many people take a slow-release painkiller once or twice a day. They also have a fast-acting one "
            "for any pain that breaks through in between.",
            _h2("Morphine"),
            "Some people worry about taking morphine. When it is used to treat pain, people do not become addicted. "
            "The dose can be raised safely if the pain gets worse. It can also be lowered if the pain gets better, "
            "for example after radiotherapy.",
            "Morphine can make you feel sleepy for the first few days. This usually wears off. "
            "It almost always causes constipation, so you will also be given a laxative. "
            "Some people feel sick at first. Anti-sickness tablets can help.",
            _h2("Other treatments for pain"),
            _ul(
                f"{_link(_b('radiotherapy'), 'Radiotherapy')} to the painful bone.",
                f"{_link(_b('bisphosphonates'), 'Bisphosphonates')} or denosumab.",
                "Steroids, which can reduce swelling around the cancer.",
                "Drugs for nerve pain, if a nerve is being pressed on.",
                "A nerve block, where a specialist injects medicine to numb a nerve.",
                "Heat pads, gentle massage, relaxation and a TENS machine, which uses mild electrical pulses.",
            ),
            _h2("Pain specialists"),
            "Most hospitals have a pain team. Many also have a <strong>palliative care</strong> team. "
            "They are experts in controlling pain and other symptoms. You can see them at any stage of your illness, "
            "not just near the end of life.",
        ),
        _talk(
            "It helps your team if you keep a pain diary. Write down:",
            _ul(
                "where the pain is and what it feels like",
                "how bad it is, on a scale from 0 to 10",
                "what makes it better or worse",
                "which painkillers you took and when",
            ),
            "Tell your team if your painkillers are not working, or if side effects are a problem. "
            "There is nearly always something else to try.",
        ),
        _quote(
            "I put off telling the nurse how bad my hip was. Once they changed my tablets I could sleep again.",
            "Sample quote: a person living with cancer in the bone",
        ),
    ),
    _section(
        "Bisphosphonates",
        "How bisphosphonates protect the bones, how they are given and their side effects.",
        ["treatment"],
        _p(
            "<strong>Bisphosphonates</strong> are drugs that protect the bones. "
            "They slow down the osteoclasts, the cells that break down bone. "
            f"You can read more about these cells in {_link(_b('the-bones'), 'the bones')}.",
            "Bisphosphonates can:",
            _ul(
                "ease bone pain",
                "make bones stronger and less likely to break",
                "lower the chance of the cancer causing problems in the spine",
                "lower a high calcium level in the blood",
            ),
            "They are used to treat a high calcium level, called hypercalcaemia. "
            f"See {_link(_b('treating-hypercalcaemia'), 'treating hypercalcaemia')}.",
            "They do not treat the cancer itself, so you will usually have them along with other treatments.",
            _h2("How they are given"),
            "Some bisphosphonates are given as a drip into a vein. This takes from 15 minutes to a few hours. "
            "You usually have it every three to four weeks at the hospital. Some people later have it less often.",
            "Others are tablets that you take at home. They need to be taken in a special way, "
            "or your body will not absorb them:",
            _ul(
                "take them on an empty stomach, with a full glass of plain water",
                "stay sitting or standing upright for at least 30 minutes afterwards",
                "do not eat, drink anything else or take other medicines for the time your pharmacist tells you",
            ),
            _h2("Side effects"),
            "Most people have few side effects. You may have:",
            _ul(
                "flu-like symptoms, such as aches and a high temperature, for a day or two after the first drip",
                "an upset stomach or heartburn with the tablets",
                "a lower calcium level in your blood, so you may be asked to take calcium and vitamin D",
                "changes in how your kidneys work, so you will have regular blood tests",
            ),
            _h2("Looking after your teeth and jaw"),
            "Rarely, bisphosphonates and denosumab cause damage to the jaw bone. "
            "This is more likely after a tooth is taken out. To lower the risk:",
            _ul(
                "see a dentist for a check-up before you start treatment, if you can",
                "brush your teeth well and keep your mouth clean",
                "tell your dentist you are having a bone-protecting drug",
                "tell your doctor before you have any dental treatment",
            ),
        ),
        _talk(
            "Tell your doctor or nurse if you have pain, swelling or a sore that will not heal in your mouth or jaw, "
            "or a loose tooth. Also tell them about any new pain in your thigh or groin.",
        ),
        _p(
            _h2("Denosumab"),
            "Denosumab is a different drug that also stops bone being broken down. "
            "It is given as an injection under the skin, usually every four weeks. "
            "Its side effects are like those of bisphosphonates. It does not affect the kidneys in the same way, "
            "so it may suit people with kidney problems.",
        ),
    ),
    _section(
        "Treating hypercalcaemia",
        "What a high calcium level in the blood is, the signs to look out for and how it is treated.",
        ["treatment", "symptoms"],
        _p(
            "When cancer in the bone causes bone to break down, calcium is released into the blood. "
            "Your kidneys usually get rid of the extra. But sometimes there is more than they can cope with. "
            "A high level of calcium in the blood is called <strong>hypercalcaemia</strong>.",
            "It is not common, but it is important to know the signs. It can be treated quickly and easily.",
            _h2("Signs of a high calcium level"),
            "The signs can come on slowly. They can be mistaken for side effects of treatment. You may:",
            _ul(
                "feel very thirsty and drink more than usual",
                "pass urine more often",
                "feel very tired, weak or drowsy",
                "feel sick or be sick",
                "have constipation or tummy pain",
                "not feel like eating",
                "feel muddled, confused or irritable",
            ),
        ),
        _urgent(
            "you feel very thirsty and are passing a lot of urine",
            "you feel sick and cannot keep fluids down",
            "you feel very drowsy or confused, or your family notices you are not yourself",
            heading="Contact your hospital straight away if",
        ),
        _p(
            "A blood test will show if your calcium level is high. "
            "If a family member notices you are confused, they should call for you.",
            _h2("How it is treated"),
            "You will usually go into hospital for a few days. You will have:",
            _ul(
                "fluids through a drip into a vein, to help your kidneys flush out the calcium",
                f"a {_link(_b('bisphosphonates'), 'bisphosphonate')} drip, to stop more calcium leaking from the bones",
            ),
            "The calcium level usually starts to fall within two to three days. "
            "Your symptoms should get better as it falls. You will have blood tests to check it.",
            "Treating the cancer helps to stop it happening again. "
            "You may have regular bisphosphonates or denosumab after this.",
            _h2("What you can do"),
            "Drink plenty of fluids, unless your doctor has told you not to. "
            "You do not usually need to cut down on calcium in your food. Ask your team first.",
        ),
    ),
    _section(
        "Follow up",
        "The check-ups, tests and scans you will have during and after treatment.",
        ["treatment", "living-with-cancer"],
        _p(
            "You will have regular appointments with your team. "
            "These check how the cancer is responding and how you are feeling.",
            "At each visit, your doctor or nurse will ask how you are. They may examine you. "
            "You will often have blood tests. You may have scans from time to time.",
            "Appointments are a good time to ask questions and talk about any worries. "
            "It can help to write them down before you go.",
            "You do not have to wait for your next appointment if you have a problem. "
            "Your team will give you a number to call. Contact them if you have new symptoms, "
            "or if your pain is not well controlled.",
            "Many people feel anxious before check-ups. This is normal. "
            f"See {_link(_b('your-feelings'), 'your feelings')} for ideas that may help.",
        ),
    ),
    _section(
        "Research - clinical trials",
        "How clinical trials help to find better treatments, and what taking part involves.",
        ["research"],
        _p(
            "Doctors are always looking for better ways to treat cancer in the bone. "
            "New treatments are tested in research studies called <strong>clinical trials</strong>.",
            "A trial may test a new drug, a new way of giving a treatment, or a new mix of treatments. "
            "It may also look at ways to ease pain or other symptoms.",
            "Before a trial starts, experts check that it is well planned and safe. "
            "In many trials, people are put into groups by a computer. One group has the best treatment "
            "used now. Another has the new treatment. Then the results are compared.",
            _h2("Taking part"),
            "Your doctor may ask if you would like to take part in a trial. "
            "You will be given written information and time to think about it. "
            "It is your choice. If you say no, you will still have the best treatment for you. "
            "You can also leave a trial at any time, without giving a reason.",
            "Some people like to help others in the future. Some like the extra checks that trials often include. "
            "Others would rather not take part. Both choices are fine.",
            "You can ask your doctor if there is a trial that could suit you. "
            "You can also search for UK cancer trials on the "
            f"{_web('https://bepartofresearch.nihr.ac.uk/', 'Be Part of Research')} website.",
        ),
    ),
    _section(
        "Your feelings",
        "Common feelings after being told cancer has spread, and ways to cope with them.",
        ["feelings"],
        _p(
            "Finding out that cancer has spread can be a shock. It may bring back feelings you had when you were "
            "first told you had cancer. Or it may feel harder this time.",
            "There is no right or wrong way to feel. Many people have a mix of feelings that come and go. "
            "You might feel:",
            _ul(
                "shocked or numb",
                "frightened about what will happen",
                "angry that this has happened to you",
                "sad, low or tearful",
                "alone, even when people are around you",
                "relieved to know what is causing your symptoms",
            ),
            "These feelings are a normal part of coping. They often become easier to manage over time.",
            _h2("Things that may help"),
            _ul(
                "Talk to someone you trust about how you feel.",
                "Find out about your illness and treatment, if that helps you feel more in control.",
                "Take each day as it comes. Plan small things to look forward to.",
                "Try relaxation, gentle exercise or time outdoors.",
                "Meet or talk to other people who have cancer in the bone, in a support group or online.",
            ),
            "Some people find it helps to see a counsellor. Your doctor, nurse or GP can arrange this.",
        ),
        _talk(
            "Tell your doctor or nurse if you feel low most of the time, cannot sleep, or have lost interest in "
            "things you used to enjoy. You may be depressed. Depression is common and it can be treated.",
        ),
    ),
    _section(
        "Talking to children",
        "Why it helps to be honest with children, and how to begin.",
        ["feelings", "living-with-cancer"],
        _p(
            "Deciding what to tell children about your illness can be hard. "
            "You may want to protect them from worry. But children often sense when something is wrong. "
            "If they are not told, they may imagine things are worse than they are.",
            "It is usually best to be honest, in a way that suits their age. "
            "Short, simple answers work well with young children. Older children and teenagers may want to know more. "
            "Let them ask questions, and tell them it is fine to feel upset or angry.",
            "Let children know that nothing they did caused the cancer, and that they cannot catch it. "
            "Tell them who will look after them if you are in hospital.",
            "It can help to tell their school, so that teachers can support them.",
            f"Our booklet {_link('talking-to-children', 'Talking to children about cancer')} has more ideas. "
            "It includes "
            f"{_link('talking-to-children/what-to-say-at-different-ages', 'what to say at different ages')}.",
        ),
    ),
    _section(
        "If you are a friend or relative",
        "How friends and family can help, and how to look after yourself too.",
        ["feelings", "living-with-cancer"],
        _p(
            "When someone you care about has cancer in the bone, you may not know what to say or do. "
            "This is very common.",
            "Often the most helpful thing is to listen. You do not need to have the answers. "
            "Let the person talk about how they feel, if they want to. Let them choose when.",
            _h2("Practical help"),
            "Offers of practical help are often welcome. You could:",
            _ul(
                "help with shopping, cooking or cleaning",
                "give lifts to hospital appointments",
                "sit with them during treatment",
                "look after children or pets",
                "help them keep track of appointments and medicines",
            ),
            "Ask what would help most, rather than guessing.",
            _h2("Looking after yourself"),
            "Caring for someone can be tiring and stressful. Try to take breaks and get enough rest. "
            "Talk to someone about your own feelings. "
            "If you are a carer, you may be able to get support from your local council, including a carer's "
            "assessment.",
            f"There are people who can help you too. See {_link(_b('who-can-help'), 'who can help')}.",
        ),
    ),
    _section(
        "What you can do",
        "Things you can do to look after yourself and feel more in control.",
        ["living-with-cancer"],
        _p(
            "Many people find it helps to do something for themselves. It can give a feeling of control.",
            _h2("Keep active"),
            "Gentle activity, like walking, can help you feel less tired and lift your mood. "
            "It also helps keep your muscles strong. Ask your team what is safe for your bones. "
            "A physiotherapist can give you exercises that suit you.",
            _h2("Eat well"),
            "Try to eat a balanced diet. If you do not feel like eating, have small meals and snacks often. "
            "Ask to see a dietitian if you are losing weight.",
            _h2("Rest"),
            "Tiredness is common. Plan your day so you rest between tasks. "
            "Do the things that matter most to you when you have the most energy.",
            _h2("Stay safe at home"),
            "Make your home safe to move around in. Use a night light. Keep things you use often within easy reach. "
            "An occupational therapist can suggest equipment such as grab rails or a raised toilet seat.",
            _h2("Plan ahead"),
            "Some people find it helps to sort out practical matters, such as a will or who should make decisions "
            "for them if they cannot. This does not mean you are giving up. It can bring peace of mind.",
        ),
        _key(
            "Stay as active as you safely can.",
            "Eat small amounts often if your appetite is poor.",
            "Rest when you need to.",
            "Ask for help with heavy tasks.",
        ),
    ),
    _section(
        "Who can help",
        "The health professionals and services that can support you at home and in hospital.",
        ["practical-and-money", "living-with-cancer"],
        _p(
            "Many people can help you and your family. You do not have to cope on your own.",
            _ul(
                "<strong>Your specialist nurse</strong> is often your main contact at the hospital. "
                "They can answer questions and help you get the support you need.",
                "<strong>Your GP</strong> can help with symptoms, medicines and support at home.",
                "<strong>District or community nurses</strong> can visit you at home.",
                "<strong>Palliative care teams</strong> help with pain and other symptoms. "
                "They also support you and your family. They work in hospitals, hospices and in the community.",
                "<strong>Physiotherapists</strong> help you stay mobile and active.",
                "<strong>Occupational therapists</strong> help you manage everyday tasks. "
                "They can arrange equipment for your home.",
                "<strong>Social workers</strong> can help with care at home and other practical matters.",
            ),
            _h2("Money and work"),
            "Cancer can affect your income. You may be able to get benefits or other financial help. "
            "A benefits adviser can check what you can claim. Ask at your hospital, or contact Citizens Advice.",
            "If you work, talk to your employer about changes that could help, such as shorter hours.",
        ),
    ),
    _section(
        "Our services",
        "How our nurses, booklets and support services can help you.",
        ["living-with-cancer"],
        _p(
            "We are here to help anyone affected by cancer.",
            _ul(
                "<strong>Free nurse helpline</strong>: talk to one of our specialist cancer nurses. "
                "The number and opening times are at the top of every page.",
                "<strong>Booklets</strong>: all our booklets are free. You can read them on this website or order "
                "printed copies.",
                "<strong>Questions and answers</strong>: read answers to questions people have asked our nurses.",
                "<strong>Support for families</strong>: our nurses can talk to your family and friends too.",
            ),
            "This website is a demonstration. The services described here are examples.",
        ),
    ),
    _section(
        "Other useful organisations",
        "Other organisations that offer information and support.",
        ["living-with-cancer", "practical-and-money"],
        _p(
            "Many other groups can help. Here are a few of them.",
            _ul(
                f"{_web('https://www.macmillan.org.uk/', 'Macmillan Cancer Support')} gives advice and support. "
                "It can help with money too.",
                f"{_web('https://www.mariecurie.org.uk/', 'Marie Curie')} cares for people near the end of life. "
                "It helps their families too.",
                f"{_web('https://www.maggies.org/', 'Maggie’s')} has centres at many hospitals. "
                "You can drop in to talk.",
                f"{_web('https://breastcancernow.org/', 'Breast Cancer Now')} helps people with breast cancer. "
                "This includes breast cancer that has spread.",
                f"{_web('https://prostatecanceruk.org/', 'Prostate Cancer UK')} supports men with prostate cancer.",
                f"{_web('https://www.citizensadvice.org.uk/', 'Citizens Advice')} gives free advice on money, "
                "work and housing.",
                f"{_web('https://www.samaritans.org/', 'Samaritans')} is there to listen, day or night.",
            ),
        ),
    ),
    _section(
        "Helpful books",
        "Other booklets and books that you may find helpful.",
        ["living-with-cancer"],
        _p(
            "We have free booklets on many subjects. You may find these helpful:",
            _ul(
                f"{_link('chemotherapy', 'Understanding chemotherapy')}",
                f"{_link('talking-to-children', 'Talking to children about cancer')}",
            ),
            "Your local library may have books about living with cancer. Many hospitals also have an information "
            "centre with books and leaflets you can borrow or take home. Ask your nurse where it is.",
            "Some people like to read other people's stories of living with cancer. "
            "Others prefer not to. Choose what feels right for you.",
        ),
    ),
    _section(
        "References",
        "The sources we used to write this booklet.",
        [],
        _references_body(BONE_REFERENCES),
    ),
]

# ---------------------------------------------------------------------------------------------------------------------
# Booklet 2: Understanding chemotherapy
# ---------------------------------------------------------------------------------------------------------------------

CHEMO = "chemotherapy"

CHEMO_REFERENCES = [
    {
        "title": "Chemotherapy",
        "source": "NHS website",
        "year": 2023,
        "url": "https://www.nhs.uk/conditions/chemotherapy/",
    },
    {
        "title": "Neutropenic sepsis: prevention and management in people with cancer (NICE guideline CG151)",
        "source": "National Institute for Health and Care Excellence (NICE)",
        "year": 2012,
        "url": "https://www.nice.org.uk/guidance/cg151",
    },
    {
        "title": "Fertility problems: assessment and treatment (NICE guideline CG156)",
        "source": "National Institute for Health and Care Excellence (NICE)",
        "year": 2013,
        "url": "https://www.nice.org.uk/guidance/cg156",
    },
    {
        "title": "Improving supportive and palliative care for adults with cancer (NICE cancer service guideline CSG4)",
        "source": "National Institute for Health and Care Excellence (NICE)",
        "year": 2004,
        "url": "https://www.nice.org.uk/guidance/csg4",
    },
    {
        "title": "Be Part of Research: find health and care research studies",
        "source": "National Institute for Health and Care Research (NIHR)",
        "year": 2024,
        "url": "https://bepartofresearch.nihr.ac.uk/",
    },
]


def _c(section: str) -> str:
    """The address of a section of the chemotherapy booklet, for cross-links."""
    return f"{CHEMO}/{section}"


CHEMO_SECTIONS = [
    _section(
        "What is chemotherapy",
        "What chemotherapy is and why it is used.",
        ["treatment", "about"],
        _p(
            "This booklet is for anyone who is going to have chemotherapy. It is also for the people close to them.",
            "<strong>Chemotherapy</strong> is a treatment that uses drugs to destroy cancer cells. "
            "It is often called chemo for short. There are many different chemotherapy drugs. "
            "Some people have one drug. Others have two or more together.",
            "Chemotherapy can be used to:",
            _ul(
                "try to cure the cancer",
                "shrink a cancer before surgery or radiotherapy",
                "lower the chance of the cancer coming back after surgery",
                "control a cancer that has spread, and ease symptoms",
            ),
            "Your doctor will tell you why you are being offered it and what it aims to do.",
            "You may have other treatments as well. These might include surgery or radiotherapy.",
        ),
        _key(
            "Chemotherapy uses drugs to destroy cancer cells.",
            "It can be given as a drip, an injection or tablets.",
            "Side effects depend on the drugs and usually go away after treatment ends.",
            "Your team will help you manage any side effects.",
        ),
    ),
    _section(
        "How chemotherapy works",
        "How chemotherapy drugs affect cancer cells and healthy cells.",
        ["treatment", "about"],
        _p(
            "Our bodies are made of millions of tiny cells. Healthy cells grow and divide in a controlled way "
            "to make new cells. Cancer cells grow and divide out of control.",
            "Chemotherapy drugs damage cells while they are dividing. Cancer cells divide often, "
            "so they are more likely to be damaged than most healthy cells.",
            "Chemotherapy drugs travel all around the body in the blood. "
            "This means they can reach cancer cells almost anywhere.",
            "Some healthy cells also divide often. These include cells in the bone marrow, which make blood cells, "
            "and cells in the hair roots, mouth and gut. This is why chemotherapy can cause side effects. "
            "Healthy cells can repair themselves, so most side effects go away after treatment.",
        ),
    ),
    _section(
        "Having chemotherapy",
        "Where and how chemotherapy is given, and how long a course lasts.",
        ["treatment"],
        _p(
            "Most people have chemotherapy as a day patient in a hospital unit. "
            "Some people need to stay in hospital for a few days.",
            _h2("Before each treatment"),
            "You will have a <strong>blood test</strong> a day or two before each treatment. "
            "This checks that your blood counts have recovered enough. "
            "Sometimes treatment has to be put off for a few days to let your body recover. "
            "This is common and it will not make the treatment work less well.",
            _h2("How it is given"),
            _ul(
                "<strong>Into a vein</strong>: a nurse puts a thin, short tube into a vein in your hand or arm. "
                "The drugs go in through a drip.",
                "<strong>Through a line</strong>: some people have a thin tube put in that stays in place during "
                "the whole course. It goes into a vein in the chest or arm. It means you do not need a new needle "
                "each time.",
                "<strong>Tablets or capsules</strong>: you take these at home. It is important to take them exactly "
                "as your team tells you.",
                "<strong>Injection</strong>: some drugs are given as an injection under the skin or into a muscle.",
            ),
            _h2("Cycles"),
            "You usually have chemotherapy as a number of sessions. Each one is followed by a rest period "
            "of a few weeks. A session and its rest period make up a <strong>cycle</strong>. "
            "A course of treatment is often four to eight cycles. It usually lasts a few months.",
            "Your team will give you a plan that shows when you will have each treatment.",
        ),
        _talk(
            "Before you start, ask your team:",
            _ul(
                "which drugs you will have and how they will be given",
                "how long each session will take",
                "which side effects are most likely",
                "who to call, day or night, if you feel unwell",
            ),
        ),
    ),
    _section(
        "Side effects",
        "The most common side effects of chemotherapy and how they can be managed.",
        ["treatment", "symptoms"],
        _p(
            "Everyone reacts to chemotherapy in a different way. Some people have few side effects. "
            "Others have more. Side effects depend on the drugs you have and the dose.",
            "Your team will tell you which side effects you are likely to have. "
            "They can give you medicines and advice to help. Most side effects go away "
            "a few weeks or months after treatment ends.",
            _h2("Common side effects"),
            _ul(
                f"a higher risk of infection: see {_link(_c('infection-risk'), 'infection risk')}",
                f"tiredness: see {_link(_c('tiredness'), 'tiredness')}",
                "feeling sick or being sick",
                f"a sore mouth and changes to taste: see {_link(_c('eating-and-drinking'), 'eating and drinking')}",
                "hair loss or thinning",
                "bruising or bleeding more easily",
                "feeling breathless, because of a low number of red blood cells (anaemia)",
                "loose stools (diarrhoea) or constipation",
                "dry or sore skin, and changes to your nails",
                "numbness or tingling in your hands or feet",
            ),
            _h2("Feeling sick"),
            "Anti-sickness drugs work well. You will be given some to take before and after treatment. "
            "Tell your team if you still feel sick. There are other drugs they can try.",
            _h2("Hair loss"),
            "Not all chemotherapy drugs make your hair fall out. If yours do, your hair will usually start to grow "
            "back a few weeks after treatment ends. Some hospitals offer scalp cooling, which can reduce hair loss. "
            "You can also ask about wigs, scarves and hats.",
            _h2("Numbness or tingling"),
            "Some drugs affect the nerves in your hands and feet. Tell your team if you notice this. "
            "They may need to change your dose.",
        ),
    ),
    _section(
        "Infection risk",
        "Why chemotherapy makes infections more likely and what to do if you have a high temperature.",
        ["treatment", "symptoms"],
        _p(
            "Chemotherapy can lower the number of white blood cells in your blood. "
            "These cells help fight infection. When they are low, an infection can become serious very quickly.",
            "Your white blood cells are usually at their lowest about 7 to 14 days after each treatment. "
            "They then start to recover before your next treatment.",
        ),
        _urgent(
            "your temperature is 37.5°C or higher, even if you feel well",
            "your temperature is below 36°C",
            "you feel shivery, hot and cold, or generally unwell, even with a normal temperature",
            "you have a cough, sore throat, pain when passing urine or any other sign of infection",
            heading="Call the 24-hour number your hospital gave you straight away if",
        ),
        _p(
            "Do not wait until the morning or until after the weekend. An infection can be treated with antibiotics, "
            "and it is much easier to treat if it is found early. If you cannot get through, call 999 or go to A&amp;E "
            "and tell them you are having chemotherapy.",
            "Do not take paracetamol or ibuprofen to bring your temperature down before you call. "
            "They can hide a fever.",
            _h2("Lowering the risk of infection"),
            _ul(
                "Wash your hands often, especially before eating and after using the toilet.",
                "Keep a thermometer at home and check your temperature if you feel unwell.",
                "Try to avoid people who have a cold, flu or other infection.",
                "Take care when preparing food. Wash fruit and vegetables, and cook meat and eggs well.",
                "Ask your team which vaccines are safe for you.",
            ),
        ),
        _talk(
            "Keep your hospital's 24-hour number in your phone and by your home phone. "
            "Your family should know where to find it too."
        ),
    ),
    _section(
        "Tiredness",
        "Why chemotherapy makes people tired and ways to cope.",
        ["treatment", "living-with-cancer"],
        _p(
            "Feeling tired is one of the most common side effects of chemotherapy. "
            "This tiredness can be very different from normal tiredness. You may feel worn out even after a rest. "
            "Doctors sometimes call it <strong>fatigue</strong>.",
            "It often gets worse as treatment goes on. It usually gets better slowly after treatment ends, "
            "but it can take months.",
            _h2("Things that may help"),
            _ul(
                "Plan your day so you have time to rest.",
                "Do the things that matter most when you have the most energy.",
                "Let other people help with shopping, cooking and housework.",
                "Try to do some gentle exercise, like a short walk, every day. It can give you more energy.",
                "Try to keep to a regular sleep routine.",
                "Eat well and drink plenty of fluids.",
            ),
            "Tiredness can also be caused by a low number of red blood cells. This is called anaemia. "
            "Your blood tests will check for it. If it is low, you may need a blood transfusion.",
        ),
        _talk(
            "Tell your team if you are very tired or breathless. There may be a cause they can treat.",
        ),
    ),
    _section(
        "Eating and drinking",
        "How chemotherapy can affect your appetite, taste and mouth, and tips for eating well.",
        ["treatment", "living-with-cancer"],
        _p(
            "Chemotherapy can affect your appetite. Food may taste different, or you may not feel like eating. "
            "Some drugs cause a sore mouth.",
            _h2("Tips for eating well"),
            _ul(
                "Eat small meals and snacks often, rather than three big meals.",
                "Eat when you feel most like it. This may be at breakfast time.",
                "Keep easy snacks to hand, such as yoghurt, cheese and crackers or nuts.",
                "If food tastes of metal, try plastic cutlery. Sharp flavours like lemon may help.",
                "If you feel sick, try cold foods, dry crackers or ginger.",
                "Drink at least 2 litres (about 3.5 pints) of fluid a day, unless your team says otherwise.",
            ),
            _h2("Looking after your mouth"),
            _ul(
                "Clean your teeth gently with a soft toothbrush after each meal.",
                "Use the mouthwash your team gives you.",
                "Avoid very hot, spicy or rough foods if your mouth is sore.",
                "Tell your team if you have mouth ulcers that stop you eating or drinking.",
            ),
            "If you are losing weight, ask to see a dietitian. They can suggest high-energy foods and drinks.",
            "Ask your team before taking vitamins, herbal remedies or supplements. "
            "Some can affect how chemotherapy works.",
        ),
    ),
    _section(
        "Sex, fertility and contraception",
        "How chemotherapy can affect your sex life and fertility, and why contraception matters.",
        ["treatment", "living-with-cancer"],
        _p(
            "It is fine to talk about sex and relationships with your team. They are used to these questions.",
            _h2("Sex"),
            "You can usually have sex during chemotherapy. You may not feel like it because of tiredness "
            "or worry. This is normal, and it usually gets better after treatment. "
            "Cuddles and closeness can help you feel connected.",
            "Small amounts of chemotherapy may be in body fluids for a few days after each treatment. "
            "Your team may advise you to use a condom during this time.",
            _h2("Contraception"),
            "It is important not to get pregnant, or to make someone pregnant, during chemotherapy. "
            "The drugs could harm a developing baby. Use reliable contraception during treatment and for a time "
            "afterwards. Your team will tell you how long.",
            _h2("Fertility"),
            "Some chemotherapy drugs can affect your ability to have children. "
            "This may be for a short time or it may be permanent. It depends on the drugs and on your age.",
            "If you may want children in the future, talk to your team <strong>before</strong> you start treatment. "
            "It may be possible to store sperm, eggs or embryos.",
            "Some women's periods become irregular or stop during treatment. They may start again afterwards, "
            "but not always. Some women have an early menopause.",
        ),
    ),
    _section(
        "Your feelings",
        "Common feelings during chemotherapy and where to find support.",
        ["feelings"],
        _p(
            "It is common to have many different feelings during chemotherapy. You may feel anxious before "
            "treatment starts. You may feel low when side effects are hard, or frustrated that life is on hold.",
            "Some people feel a sense of loss when treatment ends, because they see their team less often. "
            "This is normal too.",
            _h2("Things that may help"),
            _ul(
                "Talk to family, friends or your specialist nurse about how you feel.",
                "Join a support group, or talk to other people having chemotherapy.",
                "Try relaxation, breathing exercises or gentle activity.",
                "Ask for a referral to a counsellor or psychologist.",
            ),
            "If you have children, you may be wondering what to tell them. Our booklet "
            f"{_link('talking-to-children', 'Talking to children about cancer')} may help.",
        ),
        _quote(
            "The first session was the hardest, because I didn't know what to expect. "
            "After that I knew the routine and felt calmer.",
            "Sample quote: a person who had chemotherapy",
        ),
    ),
    _section(
        "Research - clinical trials",
        "How new chemotherapy treatments are tested in clinical trials.",
        ["research"],
        _p(
            "Many of the chemotherapy drugs used today were tested in <strong>clinical trials</strong>. "
            "Trials help doctors find out if a new treatment works better or has fewer side effects.",
            "A trial may test a new drug, a new mix of drugs, or a new way of giving them. "
            "Some trials look at ways to reduce side effects.",
            "Taking part is always your choice. If you decide not to, you will still have the best treatment for you. "
            "You can leave a trial at any time.",
            "Ask your doctor if there is a trial that could suit you. You can also search for UK trials on the "
            f"{_web('https://bepartofresearch.nihr.ac.uk/', 'Be Part of Research')} website.",
        ),
    ),
    _section(
        "References",
        "The sources we used to write this booklet.",
        [],
        _references_body(CHEMO_REFERENCES),
    ),
]

# ---------------------------------------------------------------------------------------------------------------------
# Booklet 3: Talking to children about cancer
# ---------------------------------------------------------------------------------------------------------------------

CHILDREN = "talking-to-children"

CHILDREN_REFERENCES = [
    {
        "title": "Improving supportive and palliative care for adults with cancer (NICE cancer service guideline CSG4)",
        "source": "National Institute for Health and Care Excellence (NICE)",
        "year": 2004,
        "url": "https://www.nice.org.uk/guidance/csg4",
    },
    {
        "title": "Care of dying adults in the last days of life (NICE guideline NG31)",
        "source": "National Institute for Health and Care Excellence (NICE)",
        "year": 2015,
        "url": "https://www.nice.org.uk/guidance/ng31",
    },
    {
        "title": "Support and advice for families when someone is seriously ill or has died",
        "source": "Winston's Wish",
        "year": 2024,
        "url": "https://www.winstonswish.org/",
    },
    {
        "title": "Childhood Bereavement Network: information for families",
        "source": "Childhood Bereavement Network",
        "year": 2024,
        "url": "https://childhoodbereavementnetwork.org.uk/",
    },
]


def _k(section: str) -> str:
    """The address of a section of the children booklet, for cross-links."""
    return f"{CHILDREN}/{section}"


CHILDREN_SECTIONS = [
    _section(
        "Why talk to children",
        "Why it usually helps to be honest with children when someone in the family has cancer.",
        ["feelings", "living-with-cancer"],
        _p(
            "This booklet is for parents, grandparents and anyone who cares for children "
            "when an adult in the family has cancer. It has ideas to help you talk with them.",
            "When someone has cancer, it is natural to want to protect children from worry. "
            "You may think it is kinder not to tell them. But children are very good at noticing when something "
            "has changed. They may overhear a phone call or see that you are upset.",
            "If they do not know what is happening, they may imagine something worse than the truth. "
            "They may think it is their fault, or feel left out.",
            "Being honest, in a way that suits their age, helps children to:",
            _ul(
                "trust you and feel included",
                "know they can ask questions",
                "cope better with changes at home",
                "share their own worries and feelings",
            ),
            "You know your children best. There is no perfect way to do this. "
            "What matters most is that they know they are loved and will be looked after.",
        ),
        _key(
            "Children usually sense when something is wrong.",
            "Honest, simple words help them feel safe.",
            "You do not have to say everything at once.",
            "It is fine to say you do not know.",
        ),
    ),
    _section(
        "Getting ready to talk",
        "How to plan the first conversation: when, where and who should be there.",
        ["feelings", "living-with-cancer"],
        _p(
            "It can help to think about what you want to say before you start.",
            _ul(
                "Decide who will talk to the children. It may be you, your partner or another adult they trust.",
                "Choose a quiet time when you will not be rushed. Avoid bedtime, when worries can grow.",
                "Think about the words you will use. Use the word cancer, so they hear it from you first.",
                "Think about what you will say if they ask something you cannot answer.",
                "If you have more than one child, you may want to tell them together, then talk to each one alone.",
            ),
            "You do not need to have all the answers. It is fine to say, <em>“I don't know, but I will find out”</em>.",
            "It is also fine to show that you are sad. It shows children that it is safe to have feelings. "
            "Tell them that you will be all right and that crying can help.",
        ),
        _talk(
            "Your specialist nurse or the hospital's family support team can help you plan what to say. "
            "Some hospitals have books and activity packs for children.",
            heading="You do not have to do this alone",
        ),
    ),
    _section(
        "What to say at different ages",
        "How to explain cancer to children of different ages, from toddlers to teenagers.",
        ["feelings", "living-with-cancer"],
        _p(
            "Children understand things in different ways as they grow. "
            "These are only a guide. Each child is different.",
            _h2("Under 5"),
            "Young children understand simple words and what they can see. "
            "Keep it short. For example: <em>“Mummy is poorly. The doctors are giving her medicine to help her "
            "get better.”</em>",
            "Tell them about changes that will affect them, such as who will collect them from nursery. "
            "Books, toys and drawing can help them show how they feel.",
            _h2("Ages 5 to 8"),
            "Children of this age can understand a bit more. You can explain that cancer is an illness where some "
            "cells in the body grow in the wrong way. Tell them what the treatment is and what it might do, "
            "such as making hair fall out.",
            "Make it clear that nothing they did or thought caused the cancer. Tell them it is not catching, "
            "so they can still have hugs.",
            _h2("Ages 9 to 12"),
            "Older children can understand more detail. They may look things up online, so offer to look with them. "
            "They may worry about what will happen to the family. Give them time to ask questions.",
            _h2("Teenagers"),
            "Teenagers can understand nearly as much as adults. They may want to talk, or they may want to be left "
            "alone. They may talk more easily to friends than to you. Let them know you are there when they are ready.",
            "Try not to rely on them too much for help at home. They still need time for school, friends and fun.",
        ),
    ),
    _section(
        "Questions children ask",
        "Common questions children ask, with ideas for how to answer.",
        ["feelings", "living-with-cancer"],
        _p(
            "Children may ask questions at unexpected times, like in the car or at bath time. "
            "Try to answer honestly and simply. Check what they really want to know before you answer.",
            _h2("“Did I cause it?”"),
            "Many children secretly worry that they made the cancer happen. "
            "Tell them clearly that nothing they did, said or thought caused it.",
            _h2("“Can I catch it?”"),
            "Tell them cancer is not like a cold. They cannot catch it, and it is safe to hug and kiss.",
            _h2("“Are you going to die?”"),
            "This is a hard question. Your answer will depend on your situation. "
            "If the cancer can be treated, you could say: "
            "<em>“The doctors are giving me treatment to make me better. Most people get better from this "
            "kind of cancer.”</em>",
            "If you do not know yet, it is fine to say so. Tell them you will let them know if anything changes.",
            _h2("“Who will look after me?”"),
            "Children need to know their daily life will go on. Tell them who will take them to school "
            "and who will look after them if you are in hospital.",
        ),
    ),
    _section(
        "Changes in behaviour",
        "How children may react, and when to ask for extra help.",
        ["feelings"],
        _p(
            "Children show their feelings in different ways. They may not talk about them. "
            "Instead, you may notice changes in how they behave. They might:",
            _ul(
                "become clingy or not want to leave you",
                "act younger than their age, such as wetting the bed",
                "have tantrums or be angry",
                "have trouble sleeping or have bad dreams",
                "find it hard to concentrate at school",
                "seem not to care, or carry on as if nothing has happened",
            ),
            "These are all normal reactions. They usually settle with time, love and patience. "
            "Try to keep the usual rules at home. Rules help children feel safe.",
            "Tell their school or nursery what is happening. Teachers can look out for them and give support.",
        ),
        _talk(
            "Ask your GP, school or hospital team for help if your child's behaviour worries you, "
            "or if changes last a long time. A counsellor who works with children may help.",
            heading="When to ask for help",
        ),
    ),
    _section(
        "Keeping routines",
        "Why everyday routines matter for children, and how family and friends can help.",
        ["living-with-cancer", "practical-and-money"],
        _p(
            "Cancer and its treatment can change family life. Keeping to normal routines helps children feel secure.",
            _ul(
                "Try to keep mealtimes, bedtimes and school days the same.",
                "Let children carry on with their clubs, hobbies and time with friends.",
                "Tell them in advance about changes, such as a hospital stay.",
                "Ask family and friends to help with lifts and meals, so things run smoothly.",
                "Plan small treats and time together on the days you feel well.",
            ),
            "Children may like to help, for example by making you a drink. "
            "Small jobs can help them feel useful. But make sure they still have time to play.",
            "If you are in hospital, stay in touch by phone or video calls. Children may like to visit. "
            "Explain first what they will see, such as tubes or machines.",
        ),
    ),
    _section(
        "If treatment is not working",
        "How to prepare children gently if cancer cannot be cured.",
        ["feelings", "living-with-cancer"],
        _p(
            "Sometimes treatment cannot cure the cancer. This is very hard news to share. "
            "Children are often better able to cope if they are told gently and honestly, "
            "and in small steps over time.",
            "You might start by saying that the treatment is not working as well as the doctors hoped. "
            "Tell them that the doctors and nurses will do everything they can to keep the person comfortable.",
            "Children may ask if the person is going to die. If this is likely, it is usually best not to hide it. "
            "Use clear words, like <em>die</em> and <em>dead</em>. Words like <em>lost</em> or <em>gone to sleep</em> "
            "can confuse young children.",
            "Let children know that they will be looked after and loved, whatever happens. "
            "Some children like to make memories, such as photos, recordings or a memory box.",
            "Palliative care teams and hospices often have staff who support children. They can help you prepare them.",
        ),
    ),
    _section(
        "Help and support",
        "People and organisations that can help you and your children.",
        ["living-with-cancer", "practical-and-money"],
        _p(
            "You do not have to do this on your own. Many people can help:",
            _ul(
                "your specialist nurse or the hospital's family support team",
                "your GP and health visitor",
                "your children's teachers and school nurse",
                "palliative care teams and hospices",
                "family and friends",
            ),
            "Our nurses can talk with you about how to explain cancer to your children. "
            "The helpline number is at the top of every page.",
            f"The charity {_web('https://www.winstonswish.org/', 'Winston’s Wish')} helps children and families. "
            "It can help when someone is very ill or has died.",
            "Our other booklets may help you explain the illness and its treatment. See "
            f"{_link('secondary-bone-cancer', 'Understanding secondary cancer in the bone')} and "
            f"{_link('chemotherapy', 'Understanding chemotherapy')}.",
        ),
    ),
    _section(
        "References",
        "The sources we used to write this booklet.",
        [],
        _references_body(CHILDREN_REFERENCES),
    ),
]

# ---------------------------------------------------------------------------------------------------------------------
# The booklets, in the order they are created
# ---------------------------------------------------------------------------------------------------------------------

BOOKLETS = [
    {
        "title": "Understanding secondary cancer in the bone",
        "slug": BONE,
        "area": "cancer-types",
        "series": "Understanding",
        "summary": "For people whose cancer has spread to the bones, and their families. "
        "It explains the condition, its treatment and where to find support.",
        "cancer_types": [
            "Secondary bone cancer",
            "Breast cancer",
            "Prostate cancer",
            "Lung cancer",
            "Kidney cancer",
            "Myeloma",
        ],
        "treatments": ["Radiotherapy", "Hormonal therapy", "Chemotherapy", "Surgery", "Bisphosphonates", "Pain relief"],
        "last_reviewed": "2026-09-14",
        "references": BONE_REFERENCES,
        "sections": BONE_SECTIONS,
    },
    {
        "title": "Understanding chemotherapy",
        "slug": CHEMO,
        "area": "treatments",
        "series": "Understanding",
        "summary": "For anyone who is going to have chemotherapy, and their families. "
        "It explains how chemotherapy is given, its side effects and how to cope with them.",
        "cancer_types": ["Breast cancer", "Bowel cancer", "Lung cancer", "Lymphoma", "Leukaemia", "Ovarian cancer"],
        "treatments": ["Chemotherapy"],
        "last_reviewed": "2026-06-22",
        "references": CHEMO_REFERENCES,
        "sections": CHEMO_SECTIONS,
    },
    {
        "title": "Talking to children about cancer",
        "slug": CHILDREN,
        "area": "living-with-cancer",
        "series": "Living with cancer",
        "summary": "For parents and carers when an adult in the family has cancer. "
        "It gives ideas for talking with children of different ages and helping them cope.",
        "cancer_types": [],
        "treatments": [],
        "last_reviewed": "2026-04-08",
        "references": CHILDREN_REFERENCES,
        "sections": CHILDREN_SECTIONS,
    },
]
