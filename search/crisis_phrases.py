"""The shipped signs of danger the search page answers with the crisis numbers. Pure data.

Editors add their own in the admin (`search.models_crisis.CrisisPhrase`); these always
apply on top of them, so deleting or mistyping an editor's row can never silence the core
list. How the signs are matched, and why these and not more, is `search.emergency`'s
docstring.

Two shapes, per kind of danger and language:

- `WORDS`: dictionary forms that are a sign on their own ("itsemurha"). A word of six
  letters or more also counts inside a compound ("itsemurha-ajatuksia").
- `PHRASES`: every slot must be in the query, in any order and inflection. A slot is one
  word or alternatives joined by "|" ("en jaksa|kestä enää"); alternatives are written as
  people type them (colloquial "mua", "haluun", "enää" without dots) and analysed like the
  query, so the written form of each is matched by its base forms. An alternative with "="
  in front must be written just so (folded, not analysed): "nukun =kadulla" is someone
  sleeping in the street, "en nuku kadun melun takia" a noise complaint.
"""

SELF_HARM = "self_harm"
VIOLENCE = "violence"
BASIC_NEEDS = "basic_needs"  # no food, or nowhere to sleep tonight
GENERAL = "general"  # danger to life or health, kind unknown
KINDS = (SELF_HARM, VIOLENCE, BASIC_NEEDS, GENERAL)

# When a query shows several kinds, the box is written for the first of these: someone who
# is being hurt needs 112 first, whatever else they say; hunger after that, and an unknown
# danger gets the general box.
KIND_PRIORITY = (VIOLENCE, SELF_HARM, BASIC_NEEDS, GENERAL)

# --- Word groups the phrases share ----------------------------------------------------------

# "en", "et", "ei", "emme", "eikä" all have the base form "ei".
_FI_NOT = "en|ei|et|emme|eikä"
# "enää" typed without dots is common on foreign and phone keyboards; "enään" is spoken.
_FI_ANYMORE = "enää|enään|enaa|enaan"
_FI_ME = "minua|minut|minulle|mua|mut|mulle|meitä|meidät"
_FI_SELF = "itseni|itseäni|itteni|ittensä|itsensä|itseään"
_FI_CLOSE = (
    "mies|mieheni|aviomies|avomies|puoliso|vaimo|avovaimo|kumppani|poikaystävä|tyttöystävä"
    "|exä|ex-mies|ex-vaimo|ex-puoliso|isä|äiti|isäpuoli|äitipuoli"
)
_FI_HURTS = (
    "lyö|lyödä|löi|hakkaa|hakata|potkii|potkia|kuristaa|kuristi|töniä|tönii"
    "|läimäyttää|pahoinpitelee|uhkaa|uhata|uhkailee|pakottaa|alistaa|kontrolloi|raiskasi"
    # Not "satuttaa": "äiti satutti lonkkansa" is a fall at home.
)
_FI_HITS = "lyö|lyödä|löi|hakkaa|hakata|potkii|potkia|kuristaa|kuristi|tönii|läimäyttää"

_SV_NOT = "inte|ej|int"
_SV_ANYMORE = "mer|mera|längre"
_SV_ME = "mig|oss|mej"
_SV_CLOSE = (
    "make|maken|sambo|sambon|pojkvän|pojkvännen|flickvän|fru|frun|hustru|partner|pappa"
    "|styvpappa|mamma|styvmamma|ex|exet"
)
_SV_HITS = (
    "slår|slog|slagit|slå|sparkar|sparkade|stryper|ströp|misshandlar|misshandlade|tvingar"
    "|våldtog|hotar|hotade"
)

# Only "can't": "I do not live there anymore" is a change of address.
_EN_CANT = "can't|cant|cannot"
_EN_CLOSE = (
    "husband|wife|partner|boyfriend|girlfriend|ex|father|dad|stepfather|stepdad|mother|mum"
    "|mom|stepmother"
)
_EN_HITS = "hit|hits|beat|beats|kick|kicks|punch|punches|slap|slaps|choke|chokes|strangle|strangles"
# Not "hurt": "my mom hurt her hip" is a fall at home.
_EN_HURTS = f"{_EN_HITS}|abuse|abuses|abusive|threaten|threatens|force|forces|rape"

# --- The signs ------------------------------------------------------------------------------

WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    SELF_HARM: {
        "fi": ("itsemurha", "itsetuho", "itsetuhoinen", "itsetuhoisuus", "itsari", "viiltely"),
        "sv": ("självmord", "självskada", "självskadebeteende"),
        "en": ("suicide", "suicidal", "self-harm"),
    },
    VIOLENCE: {
        "fi": (
            "väkivalta",
            "väkivaltainen",
            "pahoinpitely",
            "pahoinpidellä",
            "raiskaus",
            "raiskata",
            "uhkailla",
            "uhkailu",
            "vainota",
            "vaino",
            "turvakoti",
        ),
        "sv": (
            "våld",
            "våldsam",
            "misshandel",
            "misshandla",
            "våldtäkt",
            "hota",
            "hot",
            "förföljelse",
            "skyddshem",
        ),
        "en": ("violence", "violent", "assault", "rape", "threaten", "stalking"),
    },
    BASIC_NEEDS: {
        "fi": ("nälkä",),
        "sv": ("svälter",),
        "en": ("starving",),
    },
    GENERAL: {
        "fi": (
            "hätä",
            "hätänumero",
            "hätäkeskus",
            "hengenvaara",
            "kriisi",
            "tappaa",
            "yliannostus",
        ),
        "sv": ("nöd", "nödnummer", "livsfara", "kris", "döda", "överdos"),
        "en": ("emergency", "crisis", "kill", "overdose"),
    },
}

PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    SELF_HARM: {
        "fi": (
            # "en jaksa enää", "mä en kestä tätä enää", "ei jaksa enää mitään"
            f"{_FI_NOT} jaksa|jaksaa|jaksanut|jaksais|kestä|kestää|kestänyt|kestäis {_FI_ANYMORE}",
            f"{_FI_NOT} jaksa|jaksaa|halua|haluu|haluaisi elää",
            "haluan|haluun|haluaisin|haluisin|haluaa|tahdon|toivon|toivoisin kuolla|kuolisin",
            f"{_FI_NOT} syytä|syy elää",
            f"{_FI_NOT} järkeä elää|elämässä|elämällä",
            f"{_FI_NOT} elämisen arvoista|arvoinen",
            "parempi|parempaa ilman minua|mua|minuu",
            f"tappaa|tapan|tappaisin {_FI_SELF}",
            f"viiltää|viillän|viiltelee|viillellä|viiltelen {_FI_SELF}",
            # First person only: "äiti satutti itsensä" is a fall at home.
            "satuttaa|satutan|satutin itseni|itseäni|itteni",
            "lopettaa|lopetan|päättää|päätän elämäni|elämä",
        ),
        "sv": (
            # "jag orkar inte mer", "pallar inte längre"
            # Not "klarar": "klarar inte längre att bo hemma" asks for home care.
            f"{_SV_NOT} orkar|orka|pallar {_SV_ANYMORE}",
            f"{_SV_NOT} står ut {_SV_ANYMORE}",
            f"{_SV_NOT} vill|orkar leva",
            "vill|ville|önskar dö|död",
            "ta|tar livet av mig",
            "ta|tar mitt liv",
            "ingen mening leva",
            "bättre utan mig",
            "skada|skadar mig själv",
            "skär|skära|skar mig själv",
        ),
        "en": (
            # "i can't take it anymore", "can't go on any longer", "i can't do this anymore"
            f"{_EN_CANT} take|cope|handle|bear|stand|do|go anymore|longer",
            f"{_EN_CANT} take|cope|handle|bear|stand|do|go any more",
            f"{_EN_CANT} go on",
            f"{_EN_CANT} cope",
            f"{_EN_CANT} live like this",
            "don't|dont|not want alive",
            "no reason live",
            "nothing live for",
            "better without me",
            "want|wanna|wish die|dead",
            "end my life",
            "end it all",
            "take my own life",
            "kill myself",
            "hurt|hurting|harm|harming|cut|cutting myself",
            "self harm",
        ),
    },
    VIOLENCE: {
        "fi": (
            # "mies lyö minua", "puoliso uhkaa", "isä hakkaa"
            f"{_FI_CLOSE} {_FI_HURTS}",
            f"{_FI_HITS} {_FI_ME}",
            "satuttaa|satutti minua|mua|minut|mut",
            f"pelkään|pelätä|pelkää|pelottaa {_FI_CLOSE}",
            "pelkään|pelätä|pelkää|pelottaa mennä|meno|palata kotiin|koti",
        ),
        "sv": (
            # "min man slår mig", "han hotar mig", "rädd för min sambo"
            f"{_SV_HITS} {_SV_ME}|mamma",
            f"{_SV_CLOSE} {_SV_HITS}",
            "min man " + _SV_HITS,
            f"rädd {_SV_CLOSE}",
            "rädd min man",
            "rädd gå hem",
        ),
        "en": (
            # "my partner hits me", "I'm afraid of my husband"
            f"{_EN_HITS} me|us|mum|mom",
            "hurts|hurt|hurting me",
            f"{_EN_CLOSE} {_EN_HURTS}",
            f"afraid|scared|frightened|terrified|fear {_EN_CLOSE}",
            "afraid|scared|frightened|terrified go home",
            "domestic abuse",
            "sexual abuse",
            "child abuse",
        ),
    },
    BASIC_NEEDS: {
        "fi": (
            # "ei ole ruokaa eikä rahaa", "minulla ei oo mitään syötävää"
            f"{_FI_NOT} ole|olla|oo ruokaa|ruoka|syötävää",
            f"{_FI_NOT} ruokaa rahaa",
            "ruoka|ruokaa loppu|loppunut|loppuu",
            # "minulla ei ole yöpaikkaa", "nukun kadulla", "minne mennä yöksi"
            f"{_FI_NOT} yöpaikkaa|yösijaa|nukkumapaikkaa|majoitusta",
            # First person only: "vauva nukkuu autossa" is a baby asleep in its car seat.
            "=nukun|=nukuin|=nukumme|=nukutaan =kadulla|=ulkona|=autossa|=rappukäytävässä"
            "|=porraskäytävässä|=puistossa|=asemalla",
            "joudun|joutua|jouduin nukkumaan =kadulla|=ulkona|=autossa|=rappukäytävässä",
            "nukkua|nukun =tänä =yönä",
            "nukkua|nukun =tänään",
            "minne|mihin mennä yöksi",
            "asunnoton tänään|yöksi|heti",
            "heitti|heittää|heitettiin ulos|pihalle " + _FI_ME + "|kotoa",
        ),
        "sv": (
            # "jag har ingenstans att sova i natt", "har ingen mat"
            "ingenstans sova|bo|ta",
            "sover|sova|sov på gatan|gata",
            "sover|sova|sov i trapphuset|trappuppgången|bilen|parken",
            "sover|sova =ute natt|inatt",
            "hemlös|bostadslös natt|inatt",
            "ingen|inget|ingenting mat|äta",
            "inget tak huvudet",
            "kastade|kastat|slängde ut mig",
        ),
        "en": (
            # "nowhere to sleep tonight", "no food and no money"
            "nowhere sleep|stay|live|go",
            "no place sleep|stay",
            "sleep|sleeping rough",
            "sleep|sleeping|slept on street|streets",
            "sleep|sleeping|slept in my car",
            "where sleep tonight",
            "homeless tonight",
            "no|nothing food money|home|left|kids|children|today|tonight",
            "have|got|has no food",
            "nothing eat",
            "can't|cant|cannot afford food",
            "hungry kids|children",
            "kicked|thrown out me|home|tonight",
        ),
    },
    GENERAL: {"fi": (), "sv": (), "en": ()},
}
