"""The validated instruments' own wording in Finnish, Swedish and English. Pure: no Django.

These texts are part of each instrument, not interface strings: a validated questionnaire is
valid only in its published wording, so they are kept here as data, versioned with the
scoring in `scoring.py`, and never pass through the .po files where a translator could
"improve" them. Check them against the sources in `SOURCES` before changing a version.
"""

from dataclasses import dataclass

Texts = dict[str, str]  # language code → text


@dataclass(frozen=True)
class ItemText:
    text: str
    options: tuple[tuple[int, str], ...]  # (value, label) in the order the form shows them
    note: str = ""


@dataclass(frozen=True)
class InstrumentText:
    code: str
    name: str
    stem: str
    items: tuple[ItemText, ...]
    source: str


def _t(fi: str, sv: str, en: str) -> Texts:
    return {"fi": fi, "sv": sv, "en": en}


WHO5_SCALE = (
    (5, _t("Koko ajan", "Hela tiden", "All of the time")),
    (4, _t("Suurimman osan ajasta", "Större delen av tiden", "Most of the time")),
    (3, _t("Yli puolet ajasta", "Mer än hälften av tiden", "More than half of the time")),
    (2, _t("Alle puolet ajasta", "Mindre än hälften av tiden", "Less than half of the time")),
    (1, _t("Jonkin aikaa", "Ibland", "Some of the time")),
    (0, _t("Ei lainkaan", "Aldrig", "At no time")),
)

PHQ_SCALE = (
    (0, _t("Ei lainkaan", "Inte alls", "Not at all")),
    (1, _t("Useina päivinä", "Flera dagar", "Several days")),
    (2, _t("Suurimpana osana päivistä", "Mer än hälften av dagarna", "More than half the days")),
    (3, _t("Lähes joka päivä", "Nästan varje dag", "Nearly every day")),
)

AUDIT_FREQUENCY = (
    (0, _t("En koskaan", "Aldrig", "Never")),
    (1, _t("Harvemmin kuin kerran kuussa", "Mer sällan än en gång i månaden", "Less than monthly")),
    (2, _t("Kerran kuussa", "Varje månad", "Monthly")),
    (3, _t("Kerran viikossa", "Varje vecka", "Weekly")),
    (4, _t("Päivittäin tai lähes päivittäin", "Dagligen eller nästan dagligen",
           "Daily or almost daily")),
)  # fmt: skip

AUDIT_HARM = (
    (0, _t("Ei", "Nej", "No")),
    (2, _t("On, mutta ei viimeisen vuoden aikana", "Ja, men inte under det senaste året",
           "Yes, but not in the last year")),
    (4, _t("Kyllä, viimeisen vuoden aikana", "Ja, under det senaste året",
           "Yes, during the last year")),
)  # fmt: skip

DRINK_NOTE = _t(
    "Yksi annos on esimerkiksi pullo (33 cl) keskiolutta tai siideriä, lasi (12 cl) mietoa "
    "viiniä, pieni lasi (8 cl) väkevää viiniä tai ravintola-annos (4 cl) väkevää "
    "alkoholijuomaa.",
    "En portion är till exempel en flaska (33 cl) mellanöl eller cider, ett glas (12 cl) "
    "lättvin, ett litet glas (8 cl) starkvin eller en restaurangportion (4 cl) sprit.",
    "One drink is for example a bottle (33 cl) of medium-strength beer or cider, a glass "
    "(12 cl) of wine, a small glass (8 cl) of fortified wine or a bar measure (4 cl) of "
    "spirits.",
)

AUDIT_ITEMS = (
    (
        _t(
            "Kuinka usein juot olutta, viiniä tai muita alkoholijuomia? Koeta ottaa mukaan "
            "myös ne kerrat, jolloin nautit vain pieniä määriä, esim. pullon keskiolutta tai "
            "tilkan viiniä.",
            "Hur ofta dricker du öl, vin eller andra alkoholdrycker? Räkna också med de "
            "gånger du bara dricker lite, till exempel en flaska mellanöl eller en skvätt vin.",
            "How often do you have a drink containing alcohol?",
        ),
        (
            (0, _t("Ei koskaan", "Aldrig", "Never")),
            (
                1,
                _t(
                    "Noin kerran kuussa tai harvemmin",
                    "En gång i månaden eller mer sällan",
                    "Monthly or less",
                ),
            ),
            (2, _t("2–4 kertaa kuussa", "2–4 gånger i månaden", "2 to 4 times a month")),
            (3, _t("2–3 kertaa viikossa", "2–3 gånger i veckan", "2 to 3 times a week")),
            (
                4,
                _t(
                    "4 kertaa viikossa tai useammin",
                    "4 gånger i veckan eller oftare",
                    "4 or more times a week",
                ),
            ),
        ),  # fmt: skip
        None,
    ),
    (
        _t(
            "Kuinka monta annosta alkoholia yleensä olet ottanut niinä päivinä, jolloin "
            "käytit alkoholia?",
            "Hur många portioner alkohol dricker du en typisk dag då du dricker alkohol?",
            "How many drinks containing alcohol do you have on a typical day when you are "
            "drinking?",
        ),
        (
            (0, _t("1–2 annosta", "1–2 portioner", "1 or 2")),
            (1, _t("3–4 annosta", "3–4 portioner", "3 or 4")),
            (2, _t("5–6 annosta", "5–6 portioner", "5 or 6")),
            (3, _t("7–9 annosta", "7–9 portioner", "7 to 9")),
            (4, _t("10 annosta tai enemmän", "10 portioner eller fler", "10 or more")),
        ),
        DRINK_NOTE,
    ),
    (
        _t(
            "Kuinka usein olet juonut kerralla kuusi tai useampia annoksia?",
            "Hur ofta dricker du sex portioner eller mer vid samma tillfälle?",
            "How often do you have six or more drinks on one occasion?",
        ),
        AUDIT_FREQUENCY,
        DRINK_NOTE,
    ),
    (
        _t(
            "Kuinka usein viimeisen vuoden aikana sinulle kävi niin, että et pystynyt "
            "lopettamaan alkoholinkäyttöä, kun aloit ottaa?",
            "Hur ofta under det senaste året har du inte kunnat sluta dricka när du väl "
            "hade börjat?",
            "How often during the last year have you found that you were not able to stop "
            "drinking once you had started?",
        ),
        AUDIT_FREQUENCY,
        None,
    ),
    (
        _t(
            "Kuinka usein viimeisen vuoden aikana et ole juomisesi vuoksi saanut tehtyä "
            "jotain, mitä tavallisesti odotetaan tekeväsi?",
            "Hur ofta under det senaste året har du låtit bli att göra något som du borde "
            "ha gjort på grund av ditt drickande?",
            "How often during the last year have you failed to do what was normally expected "
            "from you because of drinking?",
        ),
        AUDIT_FREQUENCY,
        None,
    ),
    (
        _t(
            "Kuinka usein viimeisen vuoden aikana ryyppyputken jälkeen tarvitsit aamulla "
            "olutta tai muuta alkoholia päästäksesi liikkeelle?",
            "Hur ofta under det senaste året har du behövt en ”återställare” på morgonen "
            "efter att ha druckit mycket dagen innan?",
            "How often during the last year have you needed a first drink in the morning to "
            "get yourself going after a heavy drinking session?",
        ),
        AUDIT_FREQUENCY,
        None,
    ),
    (
        _t(
            "Kuinka usein viimeisen vuoden aikana tunsit syyllisyyttä tai katumusta "
            "juomisen jälkeen?",
            "Hur ofta under det senaste året har du haft skuldkänslor eller samvetsförebråelser "
            "efter att ha druckit?",
            "How often during the last year have you had a feeling of guilt or remorse after "
            "drinking?",
        ),
        AUDIT_FREQUENCY,
        None,
    ),
    (
        _t(
            "Kuinka usein viimeisen vuoden aikana sinulle kävi niin, että et juomisen vuoksi "
            "pystynyt muistamaan edellisen illan tapahtumia?",
            "Hur ofta under det senaste året har du inte kunnat komma ihåg vad som hände "
            "kvällen innan på grund av ditt drickande?",
            "How often during the last year have you been unable to remember what happened "
            "the night before because you had been drinking?",
        ),
        AUDIT_FREQUENCY,
        None,
    ),
    (
        _t(
            "Oletko itse tai onko joku muu satuttanut tai loukannut itseään sinun "
            "alkoholinkäyttösi seurauksena?",
            "Har du själv eller någon annan skadats till följd av ditt drickande?",
            "Have you or someone else been injured as a result of your drinking?",
        ),
        AUDIT_HARM,
        None,
    ),
    (
        _t(
            "Onko joku sukulaisesi, ystäväsi, lääkäri tai muu terveydenhuollon työntekijä "
            "ollut huolissaan alkoholinkäytöstäsi tai ehdottanut, että vähentäisit juomista?",
            "Har en släkting, en vän, en läkare eller någon annan inom vården varit orolig "
            "över ditt drickande eller föreslagit att du borde dra ner på det?",
            "Has a relative or friend or a doctor or another health worker been concerned "
            "about your drinking or suggested you cut down?",
        ),
        AUDIT_HARM,
        None,
    ),
)

EUROHIS_QUALITY = (
    (1, _t("Erittäin huono", "Mycket dålig", "Very poor")),
    (2, _t("Huono", "Dålig", "Poor")),
    (3, _t("Ei hyvä eikä huono", "Varken dålig eller god", "Neither poor nor good")),
    (4, _t("Hyvä", "God", "Good")),
    (5, _t("Erittäin hyvä", "Mycket god", "Very good")),
)
EUROHIS_SATISFACTION = (
    (1, _t("Erittäin tyytymätön", "Mycket missnöjd", "Very dissatisfied")),
    (2, _t("Tyytymätön", "Missnöjd", "Dissatisfied")),
    (3, _t("Ei tyytymätön eikä tyytyväinen", "Varken nöjd eller missnöjd",
           "Neither satisfied nor dissatisfied")),
    (4, _t("Tyytyväinen", "Nöjd", "Satisfied")),
    (5, _t("Erittäin tyytyväinen", "Mycket nöjd", "Very satisfied")),
)  # fmt: skip
EUROHIS_AMOUNT = (
    (1, _t("Ei lainkaan", "Inte alls", "Not at all")),
    (2, _t("Vähän", "Lite", "A little")),
    (3, _t("Kohtalaisesti", "Måttligt", "Moderately")),
    (4, _t("Melko paljon", "Mestadels", "Mostly")),
    (5, _t("Täysin", "Helt", "Completely")),
)

WORDING: dict[str, dict] = {
    "who5": {
        "stem": _t(
            "Valitse kunkin väittämän kohdalla vaihtoehto, joka parhaiten kuvaa, miltä sinusta "
            "on tuntunut kahden viime viikon aikana.",
            "Välj för varje påstående det svar som bäst beskriver hur du har mått under de "
            "senaste två veckorna.",
            "For each of the five statements, choose the answer that is closest to how you "
            "have been feeling over the last two weeks.",
        ),
        "items": [
            (
                _t(
                    "Olen ollut iloinen ja hyvällä tuulella",
                    "Jag har känt mig glad och på gott humör",
                    "I have felt cheerful and in good spirits",
                ),
                WHO5_SCALE,
                None,
            ),
            (
                _t(
                    "Olen tuntenut oloni rauhalliseksi ja rentoutuneeksi",
                    "Jag har känt mig lugn och avslappnad",
                    "I have felt calm and relaxed",
                ),
                WHO5_SCALE,
                None,
            ),
            (
                _t(
                    "Olen tuntenut itseni aktiiviseksi ja tarmokkaaksi",
                    "Jag har känt mig aktiv och energisk",
                    "I have felt active and vigorous",
                ),
                WHO5_SCALE,
                None,
            ),
            (
                _t(
                    "Olen herännyt virkeänä ja levänneenä",
                    "Jag har vaknat upp fräsch och utvilad",
                    "I woke up feeling fresh and rested",
                ),
                WHO5_SCALE,
                None,
            ),
            (
                _t(
                    "Päivittäiseen elämääni on kuulunut asioita, jotka kiinnostavat minua",
                    "Min vardag har varit fylld av saker som intresserar mig",
                    "My daily life has been filled with things that interest me",
                ),
                WHO5_SCALE,
                None,
            ),
        ],
        "source": _t(
            "WHO-5-hyvinvointi-indeksi. © Psychiatric Research Unit, Mental Health Centre "
            "North Zealand (Psykiatrisk Center Nordsjælland), 1998. Vapaasti käytettävissä.",
            "WHO-5 välbefinnandeindex. © Psychiatric Research Unit, Mental Health Centre "
            "North Zealand (Psykiatrisk Center Nordsjælland), 1998. Fritt att använda.",
            "WHO-5 Well-Being Index. © Psychiatric Research Unit, Mental Health Centre North "
            "Zealand (Psykiatrisk Center Nordsjælland), 1998. Free to use.",
        ),
    },
    "phq9": {
        "stem": _t(
            "Kuinka usein seuraavat ongelmat ovat vaivanneet sinua kahden viime viikon aikana?",
            "Hur ofta under de senaste två veckorna har du besvärats av något av följande?",
            "Over the last 2 weeks, how often have you been bothered by any of the following "
            "problems?",
        ),
        "items": [
            (_t(fi, sv, en), PHQ_SCALE, None)
            for fi, sv, en in (
                (
                    "Vähäinen kiinnostus tai mielihyvä asioiden tekemiseen",
                    "Lite intresse för eller glädje av att göra saker",
                    "Little interest or pleasure in doing things",
                ),
                (
                    "Alakuloisuus, masentuneisuus tai toivottomuus",
                    "Känt dig nedstämd, deprimerad eller hopplös",
                    "Feeling down, depressed, or hopeless",
                ),
                (
                    "Nukahtamisvaikeudet, katkonainen uni tai liiallinen nukkuminen",
                    "Svårt att somna eller sova oavbrutet, eller sovit för mycket",
                    "Trouble falling or staying asleep, or sleeping too much",
                ),
                (
                    "Väsymys tai voimattomuus",
                    "Känt dig trött eller haft lite energi",
                    "Feeling tired or having little energy",
                ),
                (
                    "Huono ruokahalu tai ylensyönti",
                    "Dålig aptit eller ätit för mycket",
                    "Poor appetite or overeating",
                ),
                (
                    "Huono itsetunto tai tunne, että olet epäonnistunut tai tuottanut "
                    "pettymyksen itsellesi tai perheellesi",
                    "Dålig självkänsla – eller känt att du är misslyckad eller att du svikit "
                    "dig själv eller din familj",
                    "Feeling bad about yourself – or that you are a failure or have let "
                    "yourself or your family down",
                ),
                (
                    "Keskittymisvaikeudet, esimerkiksi sanomalehteä lukiessa tai televisiota "
                    "katsellessa",
                    "Svårt att koncentrera dig, till exempel när du läser tidningen eller "
                    "tittar på tv",
                    "Trouble concentrating on things, such as reading the newspaper or "
                    "watching television",
                ),
                (
                    "Liikkeiden tai puheen hidastuminen niin, että muutkin ovat voineet "
                    "huomata sen. Tai päinvastoin: hermostuneisuus tai levottomuus niin, että "
                    "olet liikkunut paljon tavallista enemmän",
                    "Rört dig eller talat så långsamt att andra kunnat märka det. Eller "
                    "tvärtom – varit så nervös eller rastlös att du rört dig mycket mer än "
                    "vanligt",
                    "Moving or speaking so slowly that other people could have noticed. Or "
                    "the opposite – being so fidgety or restless that you have been moving "
                    "around a lot more than usual",
                ),
                (
                    "Ajatukset, että olisi parempi olla kuollut, tai ajatukset itsesi "
                    "vahingoittamisesta jollakin tavalla",
                    "Tankar på att det vore bättre om du var död eller på att skada dig själv "
                    "på något sätt",
                    "Thoughts that you would be better off dead, or of hurting yourself in "
                    "some way",
                ),
            )
        ],
        "source": _t(
            "PHQ-9. Kehittäjät Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke ym., "
            "Pfizer Inc:n koulutusapurahalla. Vapaasti käytettävissä ja käännettävissä ilman "
            "lupaa.",
            "PHQ-9. Utvecklat av Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke m.fl. "
            "med ett utbildningsbidrag från Pfizer Inc. Får användas och översättas utan "
            "tillstånd.",
            "PHQ-9. Developed by Drs Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke and "
            "colleagues, with an educational grant from Pfizer Inc. No permission required to "
            "reproduce, translate, display or distribute.",
        ),
    },
    "gad7": {
        "stem": _t(
            "Kuinka usein seuraavat ongelmat ovat vaivanneet sinua kahden viime viikon aikana?",
            "Hur ofta under de senaste två veckorna har du besvärats av något av följande?",
            "Over the last 2 weeks, how often have you been bothered by the following problems?",
        ),
        "items": [
            (_t(fi, sv, en), PHQ_SCALE, None)
            for fi, sv, en in (
                (
                    "Hermostuneisuus, ahdistuneisuus tai kireys",
                    "Känt dig nervös, ängslig eller på helspänn",
                    "Feeling nervous, anxious, or on edge",
                ),
                (
                    "Kyvyttömyys lopettaa tai hallita huolestumista",
                    "Inte kunnat sluta oroa dig eller kontrollera din oro",
                    "Not being able to stop or control worrying",
                ),
                (
                    "Liiallinen huolestuminen erilaisista asioista",
                    "Oroat dig för mycket för olika saker",
                    "Worrying too much about different things",
                ),
                ("Vaikeus rentoutua", "Svårt att slappna av", "Trouble relaxing"),
                (
                    "Levottomuus, joka vaikeuttaa paikallaan pysymistä",
                    "Så rastlös att det är svårt att sitta still",
                    "Being so restless that it is hard to sit still",
                ),
                (
                    "Taipumus hermostua tai ärsyyntyä helposti",
                    "Blivit lätt irriterad eller retlig",
                    "Becoming easily annoyed or irritable",
                ),
                (
                    "Pelko siitä, että jotain kauheaa saattaa tapahtua",
                    "Känt dig rädd, som om något hemskt skulle kunna hända",
                    "Feeling afraid, as if something awful might happen",
                ),
            )
        ],
        "source": _t(
            "GAD-7. Kehittäjät Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke ym., "
            "Pfizer Inc:n koulutusapurahalla. Vapaasti käytettävissä ilman lupaa.",
            "GAD-7. Utvecklat av Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke m.fl. "
            "med ett utbildningsbidrag från Pfizer Inc. Får användas utan tillstånd.",
            "GAD-7. Developed by Drs Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke and "
            "colleagues, with an educational grant from Pfizer Inc. No permission required to "
            "reproduce, translate, display or distribute.",
        ),
    },
    "audit": {
        "stem": _t(
            "Vastaa kysymyksiin alkoholinkäytöstäsi. Valitse kunkin kysymyksen kohdalla "
            "tilannettasi parhaiten kuvaava vaihtoehto.",
            "Svara på frågorna om ditt alkoholbruk. Välj för varje fråga det alternativ som "
            "bäst beskriver din situation.",
            "Answer the questions about your use of alcohol. For each question, choose the "
            "answer that best describes your situation.",
        ),
        "items": list(AUDIT_ITEMS),
        "source": _t(
            "AUDIT (Alcohol Use Disorders Identification Test). Babor T. F., Higgins-Biddle "
            "J. C., Saunders J. B., Monteiro M. G., Maailman terveysjärjestö WHO 2001. "
            "Suomenkielinen versio: THL ja Päihdelinkki (A-klinikkasäätiö). Vapaasti "
            "käytettävissä, ei myytäväksi.",
            "AUDIT (Alcohol Use Disorders Identification Test). Babor T. F., Higgins-Biddle "
            "J. C., Saunders J. B., Monteiro M. G., Världshälsoorganisationen WHO 2001. Fritt "
            "att använda, inte till salu.",
            "AUDIT (Alcohol Use Disorders Identification Test). Babor T. F., Higgins-Biddle "
            "J. C., Saunders J. B., Monteiro M. G., World Health Organization 2001. Free to "
            "use, not for sale. Finnish cut-offs: THL.",
        ),
    },
    "auditc": {
        "stem": _t(
            "Vastaa kolmeen kysymykseen alkoholinkäytöstäsi.",
            "Svara på tre frågor om ditt alkoholbruk.",
            "Answer three questions about your use of alcohol.",
        ),
        "items": list(AUDIT_ITEMS[:3]),
        "source": _t(
            "AUDIT-C: AUDIT-kyselyn kolme ensimmäistä kysymystä (Bush K. ym. 1998). "
            "Suomenkielinen versio ja raja-arvot: THL ja Päihdelinkki (A-klinikkasäätiö).",
            "AUDIT-C: de tre första frågorna i AUDIT (Bush K. m.fl. 1998). Gränsvärden: THL.",
            "AUDIT-C: the first three questions of AUDIT (Bush K. et al. 1998). Finnish "
            "cut-offs: THL.",
        ),
    },
    "eurohis8": {
        "stem": _t(
            "Seuraavat kysymykset koskevat elämänlaatuasi kahden viime viikon aikana.",
            "Följande frågor gäller din livskvalitet under de senaste två veckorna.",
            "The following questions ask about your quality of life over the last two weeks.",
        ),
        "items": [
            (
                _t(
                    "Millaiseksi arvioit elämänlaatusi?",
                    "Hur skulle du bedöma din livskvalitet?",
                    "How would you rate your quality of life?",
                ),
                EUROHIS_QUALITY,
                None,
            ),
            (
                _t(
                    "Kuinka tyytyväinen olet terveyteesi?",
                    "Hur nöjd är du med din hälsa?",
                    "How satisfied are you with your health?",
                ),
                EUROHIS_SATISFACTION,
                None,
            ),
            (
                _t(
                    "Onko sinulla tarpeeksi tarmoa jokapäiväistä elämää varten?",
                    "Har du tillräckligt med energi för det dagliga livet?",
                    "Do you have enough energy for everyday life?",
                ),
                EUROHIS_AMOUNT,
                None,
            ),
            (
                _t(
                    "Kuinka tyytyväinen olet kykyysi selviytyä päivittäisistä toimistasi?",
                    "Hur nöjd är du med din förmåga att klara av dagliga aktiviteter?",
                    "How satisfied are you with your ability to perform your daily living "
                    "activities?",
                ),
                EUROHIS_SATISFACTION,
                None,
            ),
            (
                _t(
                    "Kuinka tyytyväinen olet itseesi?",
                    "Hur nöjd är du med dig själv?",
                    "How satisfied are you with yourself?",
                ),
                EUROHIS_SATISFACTION,
                None,
            ),
            (
                _t(
                    "Kuinka tyytyväinen olet ihmissuhteisiisi?",
                    "Hur nöjd är du med dina personliga relationer?",
                    "How satisfied are you with your personal relationships?",
                ),
                EUROHIS_SATISFACTION,
                None,
            ),
            (
                _t(
                    "Onko sinulla tarpeeksi rahaa tarpeisiisi nähden?",
                    "Har du tillräckligt med pengar för att täcka dina behov?",
                    "Have you enough money to meet your needs?",
                ),
                EUROHIS_AMOUNT,
                None,
            ),
            (
                _t(
                    "Kuinka tyytyväinen olet asuinympäristösi olosuhteisiin?",
                    "Hur nöjd är du med förhållandena där du bor?",
                    "How satisfied are you with the conditions of your living place?",
                ),
                EUROHIS_SATISFACTION,
                None,
            ),
        ],
        "source": _t(
            "EUROHIS-QOL 8 -elämänlaatumittari (Schmidt S., Mühlan H., Power M. 2006; WHO:n "
            "WHOQOL-mittarista johdettu). Suomenkielinen sanamuoto: THL, FinSote.",
            "EUROHIS-QOL 8 (Schmidt S., Mühlan H., Power M. 2006; härlett ur WHO:s WHOQOL). "
            "Svensk formulering: THL, FinSote.",
            "EUROHIS-QOL 8 (Schmidt S., Mühlan H., Power M. 2006; derived from WHO's WHOQOL). "
            "Finnish wording: THL, FinSote.",
        ),
    },
}

NAMES = {
    "who5": "WHO-5",
    "phq9": "PHQ-9",
    "gad7": "GAD-7",
    "audit": "AUDIT",
    "auditc": "AUDIT-C",
    "eurohis8": "EUROHIS-8",
}


def instrument_text(code: str, language: str) -> InstrumentText:
    """The instrument in one language; unknown languages get English."""
    data = WORDING[code]
    lang = language if language in ("fi", "sv", "en") else "en"
    items = tuple(
        ItemText(
            text=text[lang],
            options=tuple((value, label[lang]) for value, label in options),
            note=note[lang] if note else "",
        )
        for text, options, note in data["items"]
    )
    return InstrumentText(
        code=code,
        name=NAMES[code],
        stem=data["stem"][lang],
        items=items,
        source=data["source"][lang],
    )
