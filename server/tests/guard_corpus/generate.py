#!/usr/bin/env python3
"""Builds the labelled guard corpus (positives.jsonl, negatives.jsonl) from the hand-written
templates and values below, and from whole everyday texts written out by hand
(EVERYDAY_POSITIVES, EVERYDAY_NEGATIVES). Deterministic (fixed seed); rerun after editing and
commit both the script and its output. Spans are in Unicode characters, end exclusive, and every
span is checked to cover exactly the labelled value before anything is written.

Markup: {x} / {n} in templates take a value from the lists below; [kind:value] in a written-out
text marks an identifier span. Some texts hold tricks on purpose (a Cyrillic letter, full-width
digits, a zero-width space or soft hyphen, a right-to-left override, thin or no-break spaces),
written as backslash-u escapes.
"""
import json, random, re

rng = random.Random(20240611)

# ---------------------------------------------------------------- positives, per kind
HETU = ["131052-308T", "010190-123A", "311299A9988", "150575-9012", "020304B123C", "290200A456H",
        "131052+308T", "131052Y308T", "131052X308T", "131052W308T", "131052V308T", "131052U308T",
        "131052A308T", "131052B308T", "131052C308T", "131052D308T", "131052E308T", "131052F308T",
        "131052-9993", "010101-950R", "131052-308U", "131052-XXXX", "131052-", "131052-308",
        "131052a308t", "120464-121C", "240647-9171", "071177-9204", "301201A9127", "050505F909M"]
PHONE = ["040 123 4567", "040-1234567", "0401234567", "050 765 4321", "045 123 4567", "044-987 6543",
         "+358 40 123 4567", "+358401234567", "+358 (0)9 1234 5678", "00358 40 1234567", "(09) 310 12345",
         "09 3101 2345", "013 123 456", "017 1234 567", "0800 123456", "+46 70 123 45 67", "+44 20 7946 0958",
         "+1 555 123 4567", "041 555 0101", "046 123 45 67", "050-1234567", "0451234567", "+358 50 123 4567",
         "020 123 4567", "03 1234 5678"]
EMAIL = ["matti.virtanen@gmail.com", "liisa.k@hotmail.fi", "pekka_n@outlook.com", "anna-maria.laine@yahoo.com",
         "tuomas85@luukku.com", "mikko.m@kolumbus.fi", "j.smith@example.co.uk", "kalle(at)suomi24.fi",
         "sanna.koskinen@hus.fi", "maija [at] gmail.com", "erik.lindqvist@telia.se", "nguyen.t@gmail.com"]
IBAN = ["FI21 1234 5600 0007 85", "FI2112345600000785", "FI49 5000 9420 0287 30", "FI79 4006 1020 0052 48",
        "DE89 3704 0044 0532 0130 00", "SE45 5000 0000 0583 9825 7466", "GB29 NWBK 6016 1331 9268 19",
        "FI21 1234 5600 0007 86", "EE38 2200 2210 2014 5685", "NO93 8601 1117 947"]
ADDRESS = ["Mannerheimintie 12 B 34", "Aleksis Kiven katu 5", "Kotikuja 3 A 1", "Hämeentie 101 C 45",
           "Siltasaarenkatu 18-20", "Kalliolanrinne 4", "Sturenkatu 27 as. 8", "Itäväylä 55 B",
           "Storgatan 5", "Fleminginkatu 7 A 12", "Kontulantie 14 D 60", "Myllypurontie 2 H 89",
           "Bulevardi 3 A 4", "Neljäs linja 14", "Kaarelantie 86", "Vuosaarentie 3 as 12",
           "Meri-Rastilan tie 5 C 17", "Kannelkuja 2b", "Lapinlahdenkatu 12 b 9", "Tehtaankatu 1 E 73"]
POSTAL = ["00530 Helsinki", "02100 Espoo", "01300 Vantaa", "33100 Tampere", "20100 Turku", "FI-00100 Helsinki",
          "00940 Helsinki", "04400 Järvenpää", "00100 HELSINKI", "65100 Vaasa", "00180 Helsingfors", "90100 Oulu"]
BIRTH = ["s. 3.4.1958", "s. 03.04.1958", "syntynyt 12.11.1947", "syntymäaika 7.2.1990", "syntymäaika: 07.02.90",
         "synt. 1.1.2001", "syntyi 24.12.1975", "född 3.4.1958", "född 3 april 1958", "born April 3, 1958",
         "date of birth 1958-04-03", "DOB 12/11/1947", "syntynyt 3. huhtikuuta 1958", "s. 5.6.39", "born 5 June 1939"]
PLATE = ["ABC-123", "XYZ-9", "KLM-45", "BTR-808", "ZZT-311", "JKL-77", "MNO-5", "RTY-214", "UIO-66", "GHJ-909"]
CUSTNO = ["1234567", "A123456", "88765432", "2020-12345", "445566", "7788990", "99887766", "K-554433"]
CUST_CUES = ["asiakasnumero {x}", "asiakasnro {x}", "potilasnumero: {x}", "Kelan asiakasnumero on {x}",
             "kundnummer {x}", "patient number {x}", "potilastunnus {x}", "as.nro {x}", "MRN {x}", "viitenumero {x}"]
URLS = ["facebook.com/matti.virtanen.5", "https://www.instagram.com/liisa_k89/", "linkedin.com/in/pekka-nieminen",
        "https://twitter.com/annalaine", "tiktok.com/@tuomas.k", "@matti_v78", "@liisakoo", "IG: sanna.k.94",
        "https://t.me/mikko_m", "wa.me/358401234567", "https://www.facebook.com/profile.php?id=100004567",
        "youtube.com/@ahmedvlogs", "snap: kalle_k"]

# Names: (text as written, kind spans inside) — inflected forms, several per name.
NAMES = ["Matille", "Matin", "Matti", "Virtasen", "Virtaselle", "Virtanen", "Ahmed Mohamedin", "Liisan",
         "Pekalle", "Jukan", "Mäenpäälle", "Kivimäen", "Tuomelle", "Annalle", "Juhanilla", "Mikon",
         "Sannan", "Tiinalta", "Heikille", "Kaisan", "Ville Niemisen", "Eilalle", "Korhoselle",
         "Nieminen", "Lahtisen", "Mäkiselle", "Sillanpään", "Rinteelle", "Fatima Al-Hassan", "Aleksanterin",
         "Tuulan", "Minnalle", "Erkki Laineen", "Ollille", "Johanna Koskiselle", "Helmille", "Leevin",
         "John Smith", "Erik Lindqvist", "Marjatan", "Riikka Heinosen", "Jari Salo", "Toivo Kallio",
         "Onni Laineelle", "Hämäläisen", "Kaarinan", "Petterin", "Antti Tuomen", "Sofia Mäenpään"]
NAME_TPL = ["Soitin eilen {n} ja sovimme uuden ajan.", "Keskustelin {n} kanssa tilanteesta.",
            "Tapaus koskee asiakasta, jonka nimi on {n}.", "Kotikäynnillä oli paikalla myös {n}.",
            "Lähete tehtiin, mutta {n} ei saapunut vastaanotolle.", "Sosiaaliohjaaja lähetti viestin {n}.",
            "Asiakas kertoi, että {n} on hänen tukihenkilönsä.", "Klienten träffade {n} på mottagningen.",
            "The client met {n} at the day centre.", "Omaisena toimii {n}, joka asuu lähellä."]
CUE_NAMES = ["äiti Fatima", "asiakas Nguyen", "poika Aleksi", "klienten Ingrid", "mother Amina"]
CUE_TPL = ["Mukana oli {c} ja tulkki.", "Tapaamiseen tuli {c} yksin."]

CTX = {
 "hetu": ["Asiakkaan henkilötunnus {x} oli vahingossa lähetteessä.", "Hetu: {x}", "Potilastietojen mukaan {x}, tarkista.",
          "Väliaikainen tunnus {x} annettiin päivystyksessä.", "Tunnus {x} kirjattiin väärin."],
 "phone": ["Asiakkaan numero on {x}, soita iltapäivällä.", "Omaisen puhelin {x}.", "Tavoittaa numerosta {x} arkisin.",
           "Ring {x} efter kl 12.", "Call {x} in the morning."],
 "email": ["Asiakas pyysi vastauksen osoitteeseen {x}.", "Sähköposti: {x}", "Skicka till {x}."],
 "iban": ["Tilinumero {x} toimeentulotukea varten.", "Vuokra maksetaan tilille {x}.", "Kontonummer {x}."],
 "address": ["Asiakas asuu osoitteessa {x}, kolmannessa kerroksessa.", "Kotikäynti osoitteeseen {x} maanantaina.",
             "Osoite: {x}", "Klienten bor på {x}."],
 "postal_code_city": ["Postiosoite on {x}.", "Muutti paikkakunnalle {x} viime kuussa.", "Postadress {x}."],
 "birth_date": ["Asiakas ({x}) asuu yksin.", "Mies, {x}, on ollut asunnoton kaksi vuotta.", "Klienten, {x}, bor ensam.",
                "Client, {x}, lives alone."],
 "plate": ["Asiakkaan auto {x} seisoo pihassa.", "Rekisterinumero {x} mainittiin ilmoituksessa.", "Ajoneuvo {x} on myynnissä."],
 "customer_number": None,
 "url_personal": ["Asiakas on julkaissut kuvia: {x}", "Profiili {x} löytyy somesta.", "Tytär lähetti linkin {x} huolestuneena."],
}

positives = []
KINDS = {"hetu", "phone", "email", "iban", "address", "postal_code_city", "person_name", "birth_date",
         "plate", "customer_number", "url_personal"}

def put(text, spans, values):
    """Appends a positive after checking that every span covers exactly the labelled value
    (Python indexes code points, as the Rust tests index chars)."""
    assert len(spans) == len(values) and spans, text
    for sp, v in zip(spans, values):
        assert sp["kind"] in KINDS, sp
        assert text[sp["start"]:sp["end"]] == v, (text, sp, v)
    positives.append({"text": text, "spans": spans})

def add(template, kind, value):
    i = template.index("{x}")
    text = template.replace("{x}", value)
    put(text, [{"kind": kind, "start": len(template[:i]), "end": len(template[:i]) + len(value)}], [value])

def add_many(kind, values, n):
    for k in range(n):
        v = values[k % len(values)]
        tpl = CTX[kind][k % len(CTX[kind])]
        add(tpl, kind, v)

add_many("hetu", HETU, 45)
add_many("phone", PHONE, 45)
add_many("email", EMAIL, 42)
add_many("iban", IBAN, 42)
add_many("address", ADDRESS, 44)
add_many("postal_code_city", POSTAL, 42)
add_many("birth_date", BIRTH, 44)
add_many("plate", PLATE, 42)
add_many("url_personal", URLS, 44)
for k in range(44):
    tpl = CUST_CUES[k % len(CUST_CUES)]
    x = CUSTNO[k % len(CUSTNO)]
    pre = "Tarkistin tiedot: "
    full = pre + tpl
    add(full, "customer_number", x)

def add_names(template, names_text):
    # names_text may contain several words; each word is its own span
    i = template.index("{n}")
    text = template.replace("{n}", names_text)
    spans = []
    pos = i
    for w in names_text.split(" "):
        spans.append({"kind": "person_name", "start": pos, "end": pos + len(w)})
        pos += len(w) + 1
    put(text, spans, names_text.split(" "))

for k, n in enumerate(NAMES):
    add_names(NAME_TPL[k % len(NAME_TPL)], n)
    add_names(NAME_TPL[(k + 3) % len(NAME_TPL)], n)
for k, c in enumerate(CUE_NAMES):
    cue, name = c.split(" ", 1)
    tpl = CUE_TPL[k % len(CUE_TPL)]
    i = tpl.index("{c}") + len(cue) + 1
    put(tpl.replace("{c}", c), [{"kind": "person_name", "start": i, "end": i + len(name)}], [name])

# A few mixed texts with several identifiers.
mixed = [
 ("Asiakas [person_name:Matti] [person_name:Virtanen] ([birth_date:s. 3.4.1958]) asuu osoitteessa [address:Kotikuja 3 A 1], [postal_code_city:00530 Helsinki], puh. [phone:040 123 4567]."),
 ("Klienten [person_name:Erik] [person_name:Lindqvist], [hetu:131052-308T], e-post [email:erik.l@telia.se]."),
 ("Vuokranantaja pyysi maksun tilille [iban:FI21 1234 5600 0007 85]; asiakkaan auto [plate:KLM-45]."),
]
def add_marked(m):
    """Adds a positive written with [kind:value] markup."""
    text = ""; spans = []; values = []
    for part in re.split(r"(\[[a-z_]+:[^\]]+\])", m):
        mm = re.fullmatch(r"\[([a-z_]+):([^\]]+)\]", part)
        if mm:
            spans.append({"kind": mm.group(1), "start": len(text), "end": len(text) + len(mm.group(2))})
            values.append(mm.group(2))
            text += mm.group(2)
        else:
            assert "[" not in part and "]" not in part, part
            text += part
    put(text, spans, values)

for m in mixed:
    add_marked(m)

# ---------------------------------------------------------------- everyday texts, hand-written
# Case notes as they are typed in a hurry, each written out in full (no templates): surnames
# next to words that merely contain a service noun ("sossun", "sairaalassa"), names in capitals
# and small letters after relation words, identity codes with a space or a dash for the century
# sign or with look-alike, full-width or invisible characters in them, phone numbers grouped
# with dots, slashes and thin or no-break spaces, dates of birth written "s. 12.4. 1964".
# Person names: each name word is its own span, as above.
EVERYDAY_POSITIVES = [
 # surname next to a word that contains a service noun
 "[person_name:Lehtonen] keskusteli sossun kanssa toimeentulotuesta, päätös vielä auki.",
 "Asiakas [person_name:Lahtinen] sairaalassa kolmatta viikkoa, kotiutusta suunnitellaan.",
 "[person_name:Virtanen] kävi terveysasemalla haavanhoidossa, seuraava käynti ensi tiistaina.",
 "Eilen [person_name:Karjalainen] kävi päihdepoliklinikalla ja antoi näytteet.",
 "[person_name:Koskinen] sossussa torstaina, mukana tulkki ja tukihenkilö.",
 "Asiakas [person_name:Hyvönen] psykiatrisella osastolla, lähete avohoitoon tehty.",
 "[person_name:Ojala] kävi sosiaalitoimistossa, mutta aikaa ei saatu.",
 "Kysymys: miten [person_name:Heikkisen] lääkitys saadaan kuntoon, kun apteekissa ei käydä?",
 "[person_name:Salminen] soitti päivystykseen kolmesti viikonloppuna, huoli arjen sujumisesta.",
 "Asiakas [person_name:Järvinen] A-klinikalla korvaushoidossa vuodesta 2019.",
 "Pyydetään konsultaatiota: [person_name:Hakala] päihdepolilla ja psykiatrialla yhtä aikaa, kuka koordinoi?",
 "[person_name:Mäkelä] kuntoutusosastolla, toive päästä kotiin ennen juhannusta.",
 "Sossu soitti [person_name:Ahosen] äidille, joka ei ollut tiennyt tilanteesta.",
 "[person_name:Lindholm] kotihoidon asiakkaana nyt 2 kk, käynnit eivät riitä.",
 "[person_name:Tuominen] neuvolassa: paino ei nouse, perhetyö mukaan.",
 "Klienten [person_name:Sjöberg] var på vårdcentralen i morse, remiss till psykiatrin.",
 # names in capitals and small letters, relation words
 "ÄITI [person_name:SARI] [person_name:LAITINEN] SOITTI AAMULLA JA KYSYI TUESTA.",
 "asiakas [person_name:pekka] [person_name:korhonen] ei ole hakenut kelan tukea",
 "isä [person_name:JUHA] ei osallistu, äiti [person_name:sari] toivoo perhetyötä.",
 "POIKA [person_name:MIKAEL] 14 V, KOULUNKÄYNTI KATKONAISTA, VANHEMMAT ERONNEET.",
 "soitto [person_name:tuomas] [person_name:heinoselle] klo 14, ei vastannut",
 "TAPAUS: [person_name:HANNA] [person_name:NIEMINEN], 34 V, ASUNNOTON SYKSYSTÄ ASTI.",
 "keskusteltu [person_name:marjatan] kanssa, haluaa asua kotona niin pitkään kuin pystyy",
 "Klienten [person_name:ANNA-LENA] [person_name:BERGSTRÖM] kommer på onsdag med sin dotter.",
 "mother [person_name:amina] asked for an interpreter at the next meeting",
 "vaimo [person_name:Leena] hoitaa, mutta [person_name:LEENAN] jaksaminen huolestuttaa",
 "omainen: sisko [person_name:päivi] [person_name:rantanen], asuu Lahdessa",
 "keskustelussa mukana [person_name:aleksi] (poika) ja [person_name:jenni] (puoliso)",
 "[person_name:VIRTASEN] PERHE: 3 LASTA, ISÄ TYÖTÖN, VUOKRARÄSTEJÄ.",
 "asiakas [person_name:toivo] 82 v, muistisairaus etenee",
 "Puoliso [person_name:JARI] juo, vaimo ei uskalla sanoa mitään.",
 "tytär [person_name:emilia] [person_name:mäkinen] hoitaa asioinnit",
 "KOTIKÄYNNILLÄ PAIKALLA [person_name:MATTI] JA [person_name:LIISA] [person_name:KORHONEN].",
 "isoäiti [person_name:aino] on lasten ainoa turvallinen aikuinen",
 "The son [person_name:DANIEL] calls every evening, the client refuses help.",
 "veli [person_name:Kari] [person_name:Lindroos] käy kerran viikossa",
 # identity codes
 "Hetu [hetu:120464 121C] tuli vahingossa otsikkoon, poistakaa.",
 "asiakkaan tunnus on [hetu:030587 234Y] jos tarvitsette",
 "henkilötunnus [hetu:251170\u2013046J] (lähetteestä kopioitu)",
 "Potilaan tunnus [hetu:170301\u0410552\u0415] näkyy Apotissa.",
 "hetu [hetu:290648-117\u03a1], tarkistakaa Kelasta",
 "tunnus [hetu:\uff10\uff11\uff11\uff12\uff19\uff19\uff0d\uff19\uff10\uff15\uff12] lomakkeelta",
 "Lapsen hetu [hetu:1412\u200b05A338W] oli liitteessä.",
 "Henkilötunnus: [hetu:220777-48\u00ad28]",
 "Tunnus \u202e[hetu:050556-9135]\u202c kirjattiin väärin.",
 "HETU [hetu:310893-2716], ASIAKAS EI HALUA YHTEYDENOTTOJA",
 "lapsi s. 2022, hetu [hetu:180322a654t] neuvolakortista",
 "Isän tunnus [hetu:260159 062T] ja äidin tunnus puuttuvat.",
 # phone numbers
 "Puh. [phone:050.123.4567], soittaa mieluiten iltaisin.",
 "tytär soitti numerosta [phone:040/765 4321] ja pyysi soittoa takaisin",
 "Omaisen nro [phone:044\u2009987\u20096543]",
 "gsm [phone:045\u00a0678\u00a09012] (prepaid)",
 "Asiakkaan uusi numero [phone:+358\u202f50\u202f765\u202f4321].",
 "tavoittaa numerosta [phone:0400-123 456] klo 9 jälkeen",
 "soita kotiin [phone:09.310.12345]",
 "Nro: [phone:046-555 12 34], vastaa harvoin",
 "Klienten nås på [phone:040-123 45 67] efter lunch.",
 "puh [phone:050 1234 567] / [phone:041.555.0101]",
 # dates of birth
 "Asiakas [birth_date:s. 12.4. 1964], asuu yksin vuokra-asunnossa.",
 "mies [birth_date:s.12.4.64], pitkä päihdehistoria",
 "[birth_date:syntynyt 3.11.1951], leski, kotihoito 3x/vrk",
 "Nainen ([birth_date:synt. 07/02/1990]) raskausviikolla 30.",
 "Klienten är [birth_date:född 1962-08-15] och bor ensam.",
 "mies, [birth_date:s. 12.04. 1964] – asunnottomuus uhkaa",
 "Asiakas on [birth_date:syntynyt 24.12. 1975] Oulussa, muuttanut Helsinkiin.",
 # addresses and postal codes
 "Kotikäynti [address:Kontulankaari 7 B 22], ovikoodi saatu asiakkaalta.",
 "asuu [address:Mellunmäentie 4 as 15], [postal_code_city:00970 Helsinki]",
 "Uusi osoite [address:Pohjolankatu 11 C 31], muutto kesäkuun alussa.",
 "Hän asuu nyt siskon luona, [address:Vallilantie 22 A].",
 "adress: [address:Sturegatan 12 B], [postal_code_city:00510 Helsingfors]",
 "muuttanut äidin luo, [postal_code_city:15110 Lahti]",
 # e-mail, IBAN, plates, record numbers, links
 "vastaus suoraan tyttärelle: [email:jenni.salminen77@gmail.com]",
 "s-posti [email:pekka.k(at)luukku.com] (tarkistettu)",
 "Asiakas lähetti viestin osoitteesta [email:VILLE_H@HOTMAIL.COM].",
 "toimeentulotuki maksetaan tilille [iban:FI37 1590 3000 0007 76]",
 "tili [iban:FI9580001270123456] (oma), vuokra suoraan vuokranantajalle",
 "Auto [plate:KMT-318] on pihassa, asiakas ei saa ajaa.",
 "rek.nro [plate:ijk-72], ilmoitus poliisille tehty",
 "Kelan asiakasnumero [customer_number:4455667] löytyy päätöksestä.",
 "potilasnro [customer_number:A778899], Apotissa kaksi avointa lähetettä",
 "Facebookissa: [url_personal:facebook.com/sari.laitinen.9]",
 "insta [url_personal:@jenni_s_77], kuvia lapsista julkisesti",
 # several in one text
 "ÄITI [person_name:SARI] ([birth_date:S. 12.4.1964]) PUH [phone:040 123 4567]",
 "asiakas [person_name:pekka] [person_name:korhonen] [hetu:120464 121C] soittanut useasti",
 "Klienten [person_name:Birgitta] ringde från [phone:050-765 43 21].",
 "The client's son [person_name:Daniel] called from [phone:+358 40 765 4321].",
 "[person_name:Virtasen] naapuri soitti, että [person_name:Virtanen] makaa rappukäytävässä.",
 "Kysymys [person_name:Lindholmin] tilanteesta: kuka vastaa lääkityksestä, kun kotihoito ei ehdi?",
 "[person_name:Nieminen] asuu [address:Kontulantie 14 D 60], puh. [phone:050.765.4321].",
]
before = {p["text"] for p in positives}
for m in EVERYDAY_POSITIVES:
    add_marked(m)
    assert positives[-1]["text"] not in before, m
    before.add(positives[-1]["text"])

# ---------------------------------------------------------------- hard negatives
AGES = ["72-vuotias", "45-vuotias", "19-vuotias", "86-vuotias", "34-vuotias", "8-vuotias", "62 v", "noin 50-vuotias"]
WHO = ["mies", "nainen", "asiakas", "nuori aikuinen", "perheenäiti", "eläkeläinen", "opiskelija", "yrittäjä"]
DISTRICTS = ["Kallion alueella", "Vuosaaressa", "Kontulassa", "Malmilla", "Itä-Helsingissä", "Kalasatamassa",
             "Herttoniemessä", "Myllypurossa", "Espoossa", "Vantaalla", "Sörnäisissä", "Pasilassa", "Jakomäessä"]
DIAG = ["F32.1", "F33.2", "F10.2", "F20.0", "F41.1", "F43.1", "E11.9", "I10", "J44.9", "G30.1", "F60.3", "Z59.0",
        "F90.0", "F84.0", "K70.3", "M54.5"]
DIAG_FI = ["keskivaikea masennus", "alkoholiriippuvuus", "skitsofrenia", "yleistynyt ahdistuneisuushäiriö",
           "tyypin 2 diabetes", "COPD", "Alzheimerin tauti", "kaksisuuntainen mielialahäiriö", "ADHD", "PTSD"]
SCALES = ["PHQ-9 {a} pistettä", "AUDIT {a}", "GAD-7 {b}", "MMSE {c}/30", "BDI-II {a}", "AUDIT-C {d}",
          "CERAD-pisteet {a}", "EPDS {b}", "SCL-90", "ICD-10", "DSM-5", "GHQ-12 {d}", "RAVA {e}", "RAI MAPLe {d}"]
DOSES = ["sertraliini 50 mg 1x1", "ketiapiini 25 mg iltaisin", "buprenorfiini 8 mg", "metadoni 90 mg/vrk",
         "mirtatsapiini 15 mg", "diatsepaami 5 mg tarvittaessa", "insuliini 12 yksikköä", "naltreksoni 50 mg",
         "lorazepam 1 mg", "olantsapiini 10 mg", "B12-injektio 1 mg kuukausittain", "Antabus 200 mg"]
LABS = ["Hb 134 g/l", "B-Krea 85 µmol/l", "CRP 12", "GT 240 U/l", "ALAT 85", "HbA1c 64 mmol/mol", "INR 2,4",
        "fP-Gluk 7,8", "TSH 3,1", "P-K 3,4 mmol/l", "CDT 2,1 %", "eGFR 58"]
DATES = ["3.4.2024", "12.5.", "ma 6.5. klo 14.00", "klo 9.30–10.30", "15.1.2025 klo 13", "viikolla 23",
         "kesäkuussa 2024", "2.10.2023", "ti 14.30", "1.–3.3.2025", "klo 8-16", "tammikuusta 2024 lähtien"]
MONEY = ["1 200 €", "540 euroa", "76,50 €", "15 000 euron", "2 300 e/kk", "400 €/kk", "1000 euroa", "12 €"]
SERVICES = ["Kela", "HUS", "Apotti", "Omaolo", "A-klinikka", "Auroran sairaala", "TE-palvelut", "Ohjaamo",
            "aikuissosiaalityö", "päihdepoliklinikka", "kotihoito", "omaishoidon tuki", "Kelan toimeentulotuki",
            "psykiatrian poliklinikka", "HUS Psykiatria", "Vamos", "Y-Säätiö", "Sininauha", "Helsingin kaupunki",
            "asumisneuvonta", "velkaneuvonta", "vammaispalvelut", "palveluohjaus", "Kalasataman terveysasema",
            "Kustaankartano", "Laakson sairaala", "Marian päihdepalvelut", "Diakonissalaitos"]
PROF = ["sosiaaliohjaaja", "sairaanhoitaja", "psykiatrinen sairaanhoitaja", "fysioterapeutti", "toimintaterapeutti",
        "lääkäri", "palveluohjaaja", "kuntoutusohjaaja", "psykologi", "sosiaalityöntekijä", "Kelan etuuskäsittelijä",
        "omatyöntekijä", "kotihoidon esihenkilö", "päihdetyöntekijä", "asumisohjaaja"]
YTUN = ["2077474-0", "0112038-9", "1234567-1", "0201256-6"]

NEG_TPL = [
 "{age} {who} {district}, taustalla {diag_fi} ({diag}).",
 "{Who}, {age}, asuu {district}. Lääkitys: {dose}.",
 "Laboratorio: {lab}, {lab2}. Seuraava kontrolli {date}.",
 "Pisteet: {scale}, {scale2}. Arvio tehty {date}.",
 "Toimeentulotukea haettu {money}, vuokra {money2}.",
 "Mukana {prof} ({service}) ja {prof2}.",
 "Kysymys: voisiko {service} ottaa asiakkaan palveluun {date}?",
 "Asiakas ohjattu palveluun {service}; yhteyshenkilönä {prof}.",
 "Tavoite: asunto {district} ja {service} mukaan verkostoon.",
 "Diagnoosit {diag} ja {diag2}, {scale}.",
 "Toivo on, että kuntoutus jatkuu {date}.",
 "Onni oli, että {service} ehti mukaan ajoissa.",
 "Anna palautetta {service}:lle viimeistään {date}.",
 "Kallion alueella on pitkät jonot; {prof} arvioi tilanteen {date}.",
 "Y-tunnus {ytun} kuuluu vuokranantajayritykselle.",
 "{Service} myönsi {money}; päätös {date}.",
 "Klienten, {age_sv}, bor i {district_sv} och har {diag_sv}.",
 "The client, {age_en}, lives in {district_en}; {diag} diagnosed, {scale}.",
 "Meeting on {date} with {service}, {prof_en} present.",
 "Tapaaminen {date}, paikalla {prof}, {prof2} ja {service}.",
 "Asiakkaalla {dose}, lisäksi {dose2}. {lab}.",
 "Huom. {service}: hakemus 2/2024, päätös 3 viikossa.",
 "Asiakas on käynyt {n} kertaa päivystyksessä, viimeksi {date}.",
 "Perheessä 3 lasta (4, 7 ja 12 v), {service} mukana.",
 "Kotihoito 2 x vrk, {service} ja {service2}.",
 "Tulot {money}/kk, velkaa noin {money2}.",
 "Hoitoneuvottelu {date}: {prof} ja {prof2} paikalla.",
 "Tapaus 4/12: {who} {district}, {diag_fi}.",
 "Asunto Ensin -malli ja {service}.",
 "Esitetty kysymys: miten {service} ja {service2} voisivat tehdä yhteistyötä?",
]
FILL = {
 "age": AGES, "who": WHO, "Who": [w.capitalize() for w in WHO], "district": DISTRICTS, "diag": DIAG, "diag2": DIAG,
 "diag_fi": DIAG_FI, "dose": DOSES, "dose2": DOSES, "lab": LABS, "lab2": LABS, "date": DATES, "scale": None,
 "scale2": None, "money": MONEY, "money2": MONEY, "prof": PROF, "prof2": PROF, "service": SERVICES,
 "service2": SERVICES, "Service": SERVICES, "ytun": YTUN, "age_sv": ["72 år", "45 år gammal", "19 år"],
 "district_sv": ["Vallgård", "Nordsjö", "Sörnäs", "Berghäll"], "diag_sv": ["depression", "alkoholberoende", "diabetes typ 2"],
 "age_en": ["aged 72", "45 years old", "a 19-year-old"], "district_en": ["Kallio", "Vuosaari", "eastern Helsinki", "Espoo"],
 "prof_en": ["social worker", "nurse", "psychiatrist", "Kela officer"], "n": ["3", "12", "25"],
}

def scale():
    s = rng.choice(SCALES)
    return s.format(a=rng.randint(3, 27), b=rng.randint(2, 21), c=rng.randint(12, 30), d=rng.randint(1, 12), e=rng.randint(1, 4))

negatives = []
seen = set()
attempt = 0
while len(negatives) < 360:
    tpl = NEG_TPL[attempt % len(NEG_TPL)]
    attempt += 1
    def repl(m):
        key = m.group(1)
        if key in ("scale", "scale2"):
            return scale()
        return rng.choice(FILL[key])
    text = re.sub(r"\{(\w+)\}", repl, tpl)
    if text in seen:
        continue
    seen.add(text)
    negatives.append({"text": text, "spans": []})

# Hand-written clean texts that are hard for the guard: rating scales and lab values, names of
# organisations, companies and hospitals that share a word with a personal name, districts and
# streets without a house number, capitalised English words that are also given names, and
# Finnish common words that are also names. None of these identifies anyone.
EVERYDAY_NEGATIVES = [
 # rating scales and lab values
 "MADRS 24, BDI 31, arvio psykiatrian poliklinikalla viime viikolla.",
 "Lab: K 3,2, Na 131, Hb 98 – kontrolli viikon päästä terveysasemalla.",
 "P-Krea 85, eGFR 58, B-HbA1c 52, fP-Gluk 6,1; diabeteshoitaja seuraa.",
 "AUDIT 18, PHQ-9 14, GAD-7 11 – ohjattu päihdepsykiatrian poliklinikalle.",
 "MMSE 22/30 ja CERAD tehty muistipoliklinikalla, jatkotutkimukset kesken.",
 "GAF 45, toimintakyky heikentynyt syksyn aikana, asunto pysynyt.",
 "TSH 2,1, CRP 12, INR 2,4 (Marevan), verenpaine 152/94.",
 "Hb 98 g/l, MCV 104, GT 312 – alkoholin käyttö todennäköisesti jatkuu.",
 "RR 138/86, pulssi 92, BMI 33, painonhallintaryhmä suunnitteilla.",
 "SPPB 7/12, TUG 16 s, MNA 19,5 – kaatumisriski ilmeinen.",
 "RAVA 2,7 ja MAPLe 4, kotihoidon tarve kasvanut kesästä.",
 "Klienten har AUDIT 22 och Hb 102, remiss till A-kliniken.",
 "PHQ-9 went from 9 to 17 in six weeks; GAF 50, MADRS 28.",
 "B-Leuk 12,4, P-ALAT 140, P-Bil 38 – maksa-arvot koholla.",
 "QTc 470 ms metadonin aloituksen jälkeen, EKG uusitaan.",
 "AUDIT-C 9/12, CDT 2,8 %, Hb 118.",
 "BDI-II 29 ja BAI 24: masennus ja ahdistus molemmat keskivaikeita.",
 "FRAT 3, ADL itsenäinen, IADL: tarvitsee apua kaupassa ja pankissa.",
 "K 4,1 ja Na 138 normaalit, P-Krea 112 koholla.",
 "U-Amfe positiivinen, U-Bentso positiivinen, U-Kann negatiivinen.",
 # organisations, companies and hospitals that share a word with a name
 "Työkyvyttömyyseläkehakemus on ollut Ilmarisessa käsittelyssä jo neljä kuukautta.",
 "Kuntoutustuki Elolta päättyy kesäkuussa, jatkohakemus tekemättä.",
 "Varma hylkäsi eläkehakemuksen, valitus muutoksenhakulautakuntaan tehty.",
 "Eläkeasia Veritaksessa kesken, Kelan sairauspäiväraha on jo päättynyt.",
 "Tutkimushoito Sigrid Juséliuksen säätiön rahoittamassa hankkeessa päättyi keväällä.",
 "Siirto Marian sairaalasta Auroran sairaalaan on sovittu ensi viikolle.",
 "Lapsi ollut Lastenlinnassa tutkimuksissa, jatkot Uudessa lastensairaalassa.",
 "Kuntoutusjakso Kivelän sairaalassa päättyy, kotiutus palvelutaloon.",
 "Laakson sairaalan geriatrinen arvio tehty, suositus tehostettu palveluasuminen.",
 "Helsingin Diakonissalaitoksen asumisyksikkö tarjoaa paikkaa toukokuussa.",
 "Sininauhasäätiön tukiasunto ja A-klinikan korvaushoito jatkuvat ennallaan.",
 "Emmaus-yhteisö ja Sovatek ovat olleet mukana aiemmin, nyt ei kontaktia.",
 "Suomen Punainen Risti järjesti ruoka-apua, Hope ry toimitti vaatteita lapsille.",
 "Työterveys on Terveystalossa, yksityinen psykiatri Mehiläisestä.",
 "Pihlajalinna hoitaa ulkoistetun terveysaseman, Attendo ja Esperi palvelutaloja.",
 "Attendon ryhmäkoti ei pysty vastaamaan hoitoisuuteen, Esperin yksikköön on jonoa.",
 "Kalliolan setlementin nuorten palvelut ja Aseman Lapset ovat tukena.",
 "Mannerheimin Lastensuojeluliiton tukihenkilö on käynyt kahdesti.",
 "Haartmanin sairaalan päivystyksestä ohjattiin Malmin sairaalaan.",
 "Peijaksen ja Jorvin sairaalat eivät ota, joten jatkot Hesperian sairaalassa.",
 "Diakonissalaitoksen Vamos on tavannut nuorta syksystä asti.",
 "Synnytys Kätilöopiston sairaalassa, jälkitarkastus Naistenklinikalla.",
 "Kela, Ilmarinen ja Varma ovat kaikki pyytäneet lisäselvitystä.",
 "Elon kuntoutustukipäätös tuli, Kelan päätös puuttuu vielä.",
 # districts and streets without a house number
 "Asiakas asuu Mannerheimintien varrella eikä halua muuttaa Itä-Helsinkiin.",
 "Kontulan ostarilla liikkuu päivittäin, Kontulan Symppis on tuttu paikka.",
 "Aleksis Kiven kadun asumisyksikkö on täynnä, jono syksyyn.",
 "Hämeentien varren kahvila on hänen päivittäinen paikkansa.",
 "Sturenkadun tukiasunnot ja Sörnäisten rantatien yömaja ovat olleet vaihtoehtoina.",
 "Herttoniemen terveysasemalta Myllypuron terveysasemalle siirto on kesken.",
 "Tapanilassa tai Pukinmäessä asuminen ei onnistu, toive päästä Kallioon.",
 "Muutto Mellunmäkeen onnistui, Vuosaaren aikuissosiaalityö luovuttaa asian.",
 "Fredrikinkadun palvelukeskuksessa on ruokailu arkisin.",
 "Viihtyy Kaisaniemen puistossa ja Rautatientorilla, yöt yömajassa.",
 # English: capitalised words that are also given names
 "Will the team consider a joint home visit next week?",
 "May we ask the housing service to join the March meeting?",
 "Grace period for the rent arrears ends in June.",
 "Hope is that the client accepts the day centre place.",
 "Faith-based shelter has a bed free; the client refused it earlier.",
 "Mark the date: network meeting at the health station after Easter.",
 "Bill arrives from the hospital every month and the client cannot pay.",
 "Frank discussion with the client about drinking; AUDIT 24.",
 "Joy and relief after the housing decision, first time in years.",
 "Summer months are the hardest, the day centre closes for July.",
 "Dawn visits by the outreach team found the client sleeping outdoors.",
 "Sunny weather helps: the client walks to the day centre every morning.",
 "Art therapy twice a week has helped more than medication.",
 "Patience and clear agreements have worked best so far.",
 "Grant application to the foundation was rejected in May.",
 "Rose garden volunteering was suggested as day activity.",
 "June and August meetings are cancelled; next one in September.",
 # Swedish
 "Klienten väntar på plats i Attendos boende, Ilmarinen har beviljat rehabiliteringsstöd.",
 "Mötet i juni: Kela och Varma bör delta, Diakonissanstalten kanske också.",
 "Hoppet är att klienten får stöd från Folkhälsan och Röda Korset.",
 # Finnish common words that are also names
 "Asiakkaan ainoa toive on saada oma asunto ennen talvea.",
 "Asiakkaalla on vielä toivo paremmasta, onni oli että asunto säilyi.",
 "Kotona on nyt rauha, kun poika muutti tukiasuntoon.",
 "Usko omiin kykyihin on heikko, tuuli voi kääntyä kuntoutuksen myötä.",
 "Valo häiritsee unta ja ilta on vaikein aika päivästä.",
 "Lahja tuli seurakunnalta: ruokakassi ja vaatteita lapsille.",
 "Kaino toive on, että kotihoito jatkuisi ennallaan.",
 "Ilta-ajan kotihoito lisätty, aamu ja päivä ennallaan.",
 "Hänen ainoa tukensa on naapuri, jonka kanssa käydään kaupassa.",
 "Onni onnettomuudessa: asunto säilyi, vaikka vuokrarästejä kertyi.",
 "Voitto vuokranantajan kanssa käydyssä riidassa toi helpotusta.",
 "Armo ja ymmärrys eivät riitä, tarvitaan konkreettista apua.",
 "Into kuntoutukseen on kasvanut kevään aikana.",
 "Taisto velkojen kanssa jatkuu, velkaneuvonta mukana.",
 "Rauha on palannut perheeseen, kun isä aloitti hoidon.",
 # shapes close to identifiers, but clean
 "Hoitoneuvottelu 12.04.2024 klo 13.15–14.00, paikalla kuusi työntekijää.",
 "Asiakas on syntynyt 1960-luvulla, leski, asuu yksin.",
 "Syntynyt -64, eläkkeellä, ei omaisia lähellä.",
 "Kela-kortti ja tunnistautumisvälineet puuttuvat, asiointi ei onnistu.",
 "Lääkitys: Opamox 15 mg 1–3 x/vrk, Ketipinor 25 mg illalla, Medikinet 20 mg.",
 "Kotihoito 3x/vrk klo 8, 13 ja 20, Kelan hoitotuki 2. tasolla.",
 "Vuokra 780 €/kk, asumistuki 410 €, toimeentulotuki 0 €/kk.",
 "F32.2, F10.2 ja Z59.0 – asunnottomuus ja päihteet yhdessä.",
 "Kaksi lasta, 7 v ja 11 v, isä ei tapaa lapsia.",
 "Kelan kuntoutusraha 50 %, TE-toimisto 2 krt/kk.",
 "Konsultaatio 3/2025: 58-vuotias mies, 2 sairaalajaksoa, 14 päivystyskäyntiä vuodessa.",
 "Ensi tapaaminen ti 6.5. klo 9–10, sen jälkeen 3 vk välein.",
]
for text in EVERYDAY_NEGATIVES:
    assert text not in seen and "[" not in text, text
    seen.add(text)
    negatives.append({"text": text, "spans": []})

with open("positives.jsonl", "w", encoding="utf-8") as f:
    for p in positives:
        f.write(json.dumps(p, ensure_ascii=False) + "\n")
with open("negatives.jsonl", "w", encoding="utf-8") as f:
    for p in negatives:
        f.write(json.dumps(p, ensure_ascii=False) + "\n")
from collections import Counter
c = Counter(s["kind"] for p in positives for s in p["spans"])
print(len(positives), "positive texts", dict(c), len(negatives), "negatives")
