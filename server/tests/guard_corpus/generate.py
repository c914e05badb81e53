#!/usr/bin/env python3
"""Builds the labelled guard corpus (positives.jsonl, negatives.jsonl) from the hand-written
templates and values below. Deterministic (fixed seed); rerun after editing and commit both the
script and its output. Spans are in Unicode characters, end exclusive.

Markup in templates: {kind:value} marks an identifier span; values come from the lists below.
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

def add(template, kind, value):
    i = template.index("{x}")
    text = template.replace("{x}", value)
    positives.append({"text": text, "spans": [{"kind": kind, "start": len(template[:i]), "end": len(template[:i]) + len(value)}]})

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
    positives.append({"text": text, "spans": spans})

for k, n in enumerate(NAMES):
    add_names(NAME_TPL[k % len(NAME_TPL)], n)
    add_names(NAME_TPL[(k + 3) % len(NAME_TPL)], n)
for k, c in enumerate(CUE_NAMES):
    cue, name = c.split(" ", 1)
    tpl = CUE_TPL[k % len(CUE_TPL)]
    i = tpl.index("{c}") + len(cue) + 1
    positives.append({"text": tpl.replace("{c}", c), "spans": [{"kind": "person_name", "start": i, "end": i + len(name)}]})

# A few mixed texts with several identifiers.
mixed = [
 ("Asiakas [person_name:Matti] [person_name:Virtanen] ([birth_date:s. 3.4.1958]) asuu osoitteessa [address:Kotikuja 3 A 1], [postal_code_city:00530 Helsinki], puh. [phone:040 123 4567]."),
 ("Klienten [person_name:Erik] [person_name:Lindqvist], [hetu:131052-308T], e-post [email:erik.l@telia.se]."),
 ("Vuokranantaja pyysi maksun tilille [iban:FI21 1234 5600 0007 85]; asiakkaan auto [plate:KLM-45]."),
]
for m in mixed:
    text = ""; spans = []
    pos = 0
    for part in re.split(r"(\[[a-z_]+:[^\]]+\])", m):
        mm = re.fullmatch(r"\[([a-z_]+):([^\]]+)\]", part)
        if mm:
            spans.append({"kind": mm.group(1), "start": len(text), "end": len(text) + len(mm.group(2))})
            text += mm.group(2)
        else:
            text += part
    positives.append({"text": text, "spans": spans})

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

with open("positives.jsonl", "w", encoding="utf-8") as f:
    for p in positives:
        f.write(json.dumps(p, ensure_ascii=False) + "\n")
with open("negatives.jsonl", "w", encoding="utf-8") as f:
    for p in negatives:
        f.write(json.dumps(p, ensure_ascii=False) + "\n")
from collections import Counter
c = Counter(s["kind"] for p in positives for s in p["spans"])
print(len(positives), "positive texts", dict(c), len(negatives), "negatives")
