# Builds fresh.jsonl (beside this script) from hand-written texts: run it from this folder.
# Markup: {K:value} marks an identifier of kind K; the braces are removed and the
# span is computed from the value's position in the final text.
#   H hetu (a trailing '?' is replaced by the computed check character)
#   P phone, E email, I iban ('??' after the country code is replaced by computed
#   check digits), A address, Z postal_code_city, N person_name, B birth_date,
#   R plate, C customer_number, U url_personal
import json, re, datetime, collections

KINDS = {"H": "hetu", "P": "phone", "E": "email", "I": "iban", "A": "address",
         "Z": "postal_code_city", "N": "person_name", "B": "birth_date",
         "R": "plate", "C": "customer_number", "U": "url_personal"}
CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900,
           "U": 1900, "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000,
           "F": 2000}


def hetu_fill(s):
    assert len(s) == 11 and s.endswith("?"), s
    dd, mm, yy, sign, nnn = s[0:2], s[2:4], s[4:6], s[6], s[7:10]
    datetime.date(CENTURY[sign] + int(yy), int(mm), int(dd))  # must be a real date
    assert 2 <= int(nnn) <= 899, s
    return s[:10] + CHECK[int(dd + mm + yy + nnn) % 31]


def hetu_valid(s):
    return (len(s) == 11 and s[6] in CENTURY
            and CHECK[int(s[0:6] + s[7:10]) % 31] == s[10])


def iban_num(s):
    return int("".join(str(int(c, 36)) for c in s))


def iban_fill(s):
    compact = s.replace(" ", "")
    assert compact[2:4] == "??", s
    bban = compact[4:]
    check = 98 - iban_num(bban + compact[:2] + "00") % 97
    return s.replace("??", "%02d" % check, 1)


def iban_valid(s):
    c = s.replace(" ", "")
    return iban_num(c[4:] + c[:4]) % 97 == 1


MARK = re.compile(r"\{([A-Z]):([^{}]+)\}")


def parse(marked):
    out, spans, pos = [], [], 0
    for m in MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        code, val = m.group(1), m.group(2)
        if code == "H":
            val = hetu_fill(val)
        if code == "I":
            val = iban_fill(val)
        start = sum(len(x) for x in out)
        out.append(val)
        spans.append({"kind": KINDS[code], "start": start, "end": start + len(val),
                      "_value": val})
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    assert "{" not in text and "}" not in text, marked
    for sp in spans:
        assert text[sp["start"]:sp["end"]] == sp["_value"], (text, sp)
        if sp["kind"] == "hetu":
            assert hetu_valid(sp["_value"]), sp
        if sp["kind"] == "iban":
            assert iban_valid(sp["_value"]), sp
    return text, [{k: sp[k] for k in ("kind", "start", "end")} for sp in spans]


# ---------------------------------------------------------------------------
# Texts WITH identifiers
# ---------------------------------------------------------------------------
POSITIVE = [
    "Asiakas {N:Sari} {N:Laitinen}, 54 v, pitkäaikaistyötön, asumistukihakemus ollut Kelassa kesken 3 kk. Miten edetään?",
    "Soitin {N:Virtaselle} eilen kahdesti, ei vastannut. Äiti kertoi että poika on ollut viikon pois koulusta.",
    "hetu {H:120367-234?}, kuntoutusrahapäätös hylätty, valitusaika päättyy ensi viikolla",
    "Voiko {N:Liisalta} pyytää suostumuksen tietojen luovutukseen vai tarvitaanko edunvalvojan lupa?",
    "Mies 67 v, osoite {A:Hämeenkatu 14 B 22}, {Z:33100 Tampere}. Kotihoito käy 3x/vrk, alkoholin käyttö lisääntynyt.",
    "pot. {N:Mäkisen} INR heittelee 1,6–4,2, varfariini 5 mg. Kannattaako vaihtaa apiksabaaniin?",
    "Nuoren oma numero {P:040 718 2296} – saako sen antaa koulukuraattorille ilman lupaa?",
    "{N:Jukan} sisko riitelee perinnönjaosta, isä 82 v muistisairas (MMSE 18/30), edunvalvonta vireillä.",
    "Asiakas pyytää vastausta sähköpostiin {E:tiina.k.nieminen@gmail.com}, koskee Kelan kuntoutuspsykoterapiaa.",
    "Isä {N:Toivo} 88 v, tytär {N:Rauha} hoitaa omaishoitajana, jaksaminen lopussa.",
    "Klienten {N:Britt-Marie} {N:Holmström}, född {B:14.5.1943}, bor ensam och vägrar hemvård.",
    "Client {N:Ahmed} {N:Hassan}, born {B:3 March 1979}, came to Finland in 2015, now on sick leave for back pain (M54.5).",
    "Vuokranantaja haluaa vuokrat tilille {I:FI?? 1590 3000 0347 29}, asiakas kysyy voiko Kela maksaa suoraan.",
    "Auto {R:KXL-482} seissyt pihassa kuukauden, naapurit epäilevät että omistaja asuu autossa.",
    "Potilasnumero {C:P0093812}, lähete fysioterapiaan palautui puutteellisena.",
    "Nainen 45 v, Instagramissa {U:@jenni_voimaa81} julkaisee kuvia lapsista, lastensuojeluilmoitus harkinnassa.",
    "{N:Onnin} äiti ei tullut sovittuun palaveriin, kolmas kerta tänä keväänä.",
    "Tapasin {N:Pekka} {N:Korhosen} kotikäynnillä, asunnossa homeen hajua ja sähköt katkaistu.",
    "puh {P:+358 44 912 3306} (tytär), toivoo että äidin lääkitys käydään läpi",
    "Asuu {A:Koivukuja 2 C 11}, Kontula. Yksinasuva, ei sukulaisia, kotihoidon asiakas.",
    "Sotu {H:050612A113?} – lapsen Kela-kortti kadonnut, äiti kysyy miten toimitaan.",
    "{N:Mohammedille} tarvitaan tulkki (somali), vastaanotto siirtyy ensi viikkoon.",
    "Hennes son {N:Mikael} ringer varje dag från {P:+46 70 412 88 31} och kräver att mamman flyttar till Sverige.",
    "Is this OK to share? Her email is {E:olena.kovalenko@ukr.net} and she prefers English or Ukrainian.",
    "Kundnummer {C:558201}, ansökan om färdtjänst avslogs i mars.",
    "Kirje palautui: {A:Puistokatu 8 b 21}, {Z:20500 Turku}. Onko uutta osoitetta tiedossa?",
    "{N:Satu} {N:Virta} (fysioterapeutti) ehdotti, että asiakkaalle lainataan rollaattori apuvälinelainaamosta.",
    "Äiti {N:Fatima} {N:Yusuf}, 3 lasta, asuvat asuntolassa. Täydentävää toimeentulotukea silmälaseihin?",
    "syntymäaika {B:01.02.1955}, Kelan eläketuki haussa, tulot alle rajan",
    "Potilas {N:Dmitri} {N:Ivanov} ei ymmärrä suomea, tarvitaan venäjän tulkki.",
    "Velkojan tili {I:FI?? 4006 1000 5521 83}, ulosottoon menossa 2 300 €.",
    "Hänen Facebook-profiilinsa {U:facebook.com/tiina.nieminen.77} on julkinen, ja siellä on uhkauksia naapuria kohtaan.",
    "Nainen, s. {B:24.12.1936}, kaatunut kotona kolmesti, SPPB 4/12.",
    "Asiakkaan auto {R:GOP-17} on ulosmitattu, kulkee nyt taksilla Kela-kyydeillä.",
    "Kysyin {N:Matilta} palvelusuunnitelmasta, hän ei halua päihdekuntoutukseen.",
    "Anna {N:Hannelelle} kiitos, hän järjesti kriisiajan samalle päivälle.",
    "Isä asuu {A:Rantatie 14}, {Z:15140 Lahti}, lapset viikonloppuisin siellä.",
    "Email from the client's brother {E:jamal.ali1990@hotmail.com} – should we answer at all?",
    "asiakasnro {C:100-22871}, maksusitoumus päihdekuntoutukseen tarvitaan",
    "Tytär {N:Kaarina} hoitaa äidin raha-asiat, mutta äidillä ei ole valtakirjaa.",
    "{N:Ainolle} (7 v) haettu erityistä tukea koulunkäyntiin, F80.2 ja F90.0.",
    "Henkilötunnus {H:150878Y421?}, TE-toimisto katkaissut työttömyysetuuden.",
    "Kotikäynti {A:Aleksis Kiven katu 18 D 60}, asunnossa 4 koiraa ja runsaasti tavaraa.",
    "Mies 38 v soitti numerosta {P:050-555 1234} ja uhkasi vahingoittaa itseään, hätäkeskukseen ilmoitettu.",
    "Oppilaan TikTok {U:tiktok.com/@nelli.kauniainen} on täynnä itsetuhoista sisältöä.",
    "Isoäiti {N:Lempi} 93 v on ainoa läheinen, huostaanotto valmistelussa.",
    "Adress: {A:Västra Esplanaden 12 B 9}, {Z:65100 Vasa}. Hemvården kommer två gånger per dag.",
    "Pappan, {N:Stig} {N:Lindqvist}, tackar nej till all hjälp.",
    "Patient ID {C:4410278}, discharged from Meilahti last week with no follow-up.",
    "s. {B:5.6.38}, muistihoitaja arvioi MoCA 16/30, ei omaisia",
    "{N:Anneli} ja {N:Seppo} {N:Hämäläinen} kysyvät, voiko omaishoidon tukea saada molemmista.",
    "Poliisi kysyi ajoneuvosta {R:ZYT-905} — onko tämä asiakkaamme auto?",
    "Vuokranantaja {N:Järvisen} mukaan asiakas ei ole maksanut vuokraa helmikuun jälkeen.",
    "Tilille {I:FI?? 8000 1970 6153 14} tulee palkka, mutta asiakas sanoo ettei hänellä ole tuloja.",
    "Lapsen isä {N:Ali} {N:Rahimi}, puh. {P:+358 41 705 2218}, ei ole huoltaja.",
    "{N:Tuulin} kanssa sovittiin, että hän hakee opintotukea syksyllä.",
    "Asiakkaan hetu {H:290502B042?}: lapsi ei ole kirjoilla missään koulussa.",
    "Nuori asuu tuettuna {A:Myllypurontie 20 B 48}, {Z:00920 Helsinki}, Y-Säätiön asunto.",
    "Poikaystävä seuraa häntä: {U:instagram.com/jonnen_treenit}, sieltä on tullut uhkailua.",
    "Vanhempi {N:Nguyen} {N:Thi} {N:Lan} tarvitsee vietnamin tulkin, tapaaminen Tikkurilassa.",
    "yhteystiedot: {E:kalle_korhonen@outlook.com}, {P:045 7890 1234}",
    "Sähköposti: {E:MARJA.LEHTO@GMAIL.COM}, hän toivoo ettei hänelle soiteta työaikana.",
    "E-post {E:gunnel.sjoberg@multi.fi}, hon vill ha besluten på svenska.",
    "He only answers e-mail: {E:abdi.warsame@yahoo.com}, phone calls make him anxious.",
    "Asiakkaani {N:Mikko} ei muista kirjautua OmaKantaan, viestit menevät äidin osoitteeseen {E:pirkko1952@elisanet.fi}.",
    "syntynyt {B:7.11.2009}, äidin kanssa välit poikki, asuu kaverilla",
    "Isä {N:Armas} {N:Koivu} kuoli maaliskuussa, leski tarvitsee apua perunkirjoitukseen.",
    "Puhuin {N:Villen} opettajan kanssa, poissaoloja 120 h tällä lukukaudella.",
    "född {B:3 april 1951}, personbeteckning {H:030451-118?}, ansöker om stöd för närståendevård.",
    "{N:Hodan} {N:Abdi} (äiti) toivoo naistyöntekijää, tulkki somaliksi.",
    "Asiakas kirjoitti omasta osoitteestaan {E:birgitta.holm@telia.fi} ja liitti lääkärinlausunnon.",
    "{N:Abdirahmanin} perheen toimeentulotuki katkesi, koska vuokrasopimus puuttuu.",
    "Takaisinperintä, tili {I:FI?? 2089 3800 0112 56} — onko tili asiakkaan vai pojan?",
    "Vuokrasopimuksen mukaan asuu {A:Kauppakatu 3 as. 12}, {Z:40100 Jyväskylä}.",
    "Registreringsnummer {R:BNM-331}, bilen står vid hans stuga och han bor där nu.",
    "Effica-tunnus {C:88213}, muistutus tehty kotihoidon käynneistä.",
    "Ex-mies lähettelee viestejä numerosta {P:0401234567}, lähestymiskielto haussa.",
    "Lääkäri {N:Mervi} {N:Salo} kirjoitti C-lausunnon, mutta Kela pyytää lisäselvitystä.",
    "Sukuselvitystä varten tarvitaan isoisoisän tunnus {H:030399+052?}, hän kuoli 1972.",
    "Client {N:Maria} {N:Garcia} lives at {A:Siltasaarenkatu 4 B 12}, {Z:00530 Helsinki}, and has no Kela card yet.",
    "Hän antoi numeron {P:09 8765 4321} (kotinumero), mutta ei vastaa siihenkään.",
    "{N:Olenalle} on myönnetty tilapäinen suojelu, Kelan asiakkuus ei vielä alkanut.",
    "DOB {B:1984-06-21}, MRN {C:7730192}, referral to psychiatry rejected twice.",
    "Tyttären {N:Helmin} koulunkäynti sujuu, mutta kotona on väkivaltaa.",
    "Äiti seuraa {U:@masa_88}-tiliä jatkuvasti, poika kokee ahdistelua.",
    "Han heter {N:Nils} {N:Björkqvist} och har bott på {A:Strandvägen 22} i fyrtio år.",
    "Kela-asia: tunnus {H:221165X336?}, sairauspäiväraha 300 pv täyttyy kesällä.",
    "{N:Aadan} isä {N:Marko} {N:Lehtonen} on vankilassa, tapaamiset järjestetään valvotusti.",
    "Lähetin {N:Korhoselle} tekstiviestin, mutta numero {P:044 987 65 43} ei ole enää käytössä.",
    "Pojan auto {R:MKA-207} takavarikoitu, rattijuopumus toista kertaa.",
    "Asiakkaan tilinumero {I:FI?? 5780 1020 0349 10}, hän pyytää että toimeentulotuki maksetaan sinne.",
    "{N:Jarmo} ei halua, että hänen sisarelleen {N:Pirjolle} kerrotaan mitään.",
    "Kotihoidon asiakas, {A:Ojakuja 3 B 15}, avain avainsäilössä, ovikoodi muuttunut.",
    "Lapsi s. {B:12.8.2019}, neuvolassa huoli puheen kehityksestä, perheessä päihteitä.",
    "Contact number of his daughter in London: {P:+44 7700 900123}.",
    "The mother posted the court documents on {U:https://www.facebook.com/anna.lindholm.5}, can we do anything?",
    "Perhe {N:Koskiset} muutti Kaarinasta Liedoon, asiakkuus siirtyy.",
    "Asiakas kirjoittaa X:ssä nimellä {U:@kissanainen_tre} ja on paljastanut siellä työntekijöidemme nimiä.",
    "{N:Usko} 84 v on lesken mukaan alkanut harhailla öisin.",
    "Vauvan tunnus {H:310722C301?}, isyyden tunnustaminen kesken.",
    "Soita {N:Anjalle} numeroon {P:050 442 9017}, niin sovitaan käynti.",
    "Asiakas asuu {A:Lehtikuusentie 7 as 3}, {Z:70100 Kuopio}, ja haluaa muuttaa Siilinjärvelle.",
    "Hans fru {N:Ulla} ringde från {P:+358 6 318 2240} och bad om ett möte.",
    "asiakasnumero {C:4471029} – kuka hoitaa laskutuksen, hyvinvointialue vai kunta?",
    "Postin mukaan uusi osoite on {A:Itäinen Pitkäkatu 4 B}, {Z:20520 Turku}.",
    "Exän sähköposti {E:j.makinen@kolumbus.fi} – sieltä tulee uhkailuviestejä.",
    "IBAN {I:SE?? 5000 0000 0583 9825 7466}, asiakkaan ruotsalainen eläke maksetaan sinne.",
    "Polisen kollade bilen {R:CFT-88}, den tillhör hans bror.",
    "{N:Sepon} veli {N:Raimo} on edunvalvoja, mutta ei vastaa viesteihin.",
    "Personbeteckning {H:280941V507?}, pensionstagarens bostadsbidrag har dragits in.",
    "Asiakkaalla kaksi puhelinta: {P:040 552 1180} ja {P:0451239876}.",
    "Nuori asuu isänsä {N:Timo} {N:Salmisen} luona, {A:Insinöörinkatu 70 A 12}.",
    "Born {B:12 January 1990}, {N:Abdullahi} has refugee status and a residence permit until 2026.",
    "Lapsen nimi {N:Onni} {N:Karhu}, 4 v, päiväkodista huoli laiminlyönnistä.",
    "{N:Tyyne}-mummo, 91 v, asuu yksin ja kieltäytyy turvarannekkeesta.",
    "Lausunnon saa {N:Riikka} {N:Hyvöseltä}, hän on ollut omalääkäri vuodesta 2018.",
    "tilinro {I:FI?? 1029 3000 0087 62} hänen äitinsä nimissä, epäily taloudellisesta hyväksikäytöstä",
    "Hyväksikäyttäjän Snapchat {U:snapchat.com/add/riku.xx23}, poliisille ilmoitettu.",
    "Pot.nro {C:23-0091-44}, epikriisi puuttuu Pegasoksesta.",
    "Veli {N:Markku} hoitaa asiat, mutta asiakas ({N:Raija}, 77 v) ei luota häneen.",
    "Soitin Kelaan hänen puolestaan, tunnus {H:110987W256?}, sairauspäivärahahakemus käsittelyssä.",
    "{N:Ilona} ja {N:Kaisa} {N:Nurmi} ovat sisaruksia, molemmat sijoitettuina eri perheisiin.",
    "Vuokranantaja: {N:Anders} {N:Lindqvist}, {P:+358 19 241 5550}, {A:Kyrkogatan 6}, {Z:10600 Ekenäs}.",
    "Asiakkaan auto {R:JKU-728} on hänen ainoa omaisuutensa, pitääkö myydä ennen toimeentulotukea?",
    "{E:anna-liisa.virtanen@luukku.com} lähetti kysymyksen vanhempainvapaista, vastaako Kela vai TE?",
    "Potilas s. {B:2.2.1962}, asiakasnro {C:00448172}, kuljetuspalvelu päättyy.",
    "Esimies {N:Ville} {N:Rantanen} haluaa palaveriin mukaan, sopiiko asiakkaalle?",
    "Nainen 52 v, LinkedInin {U:linkedin.com/in/petra-koskela-hr} mukaan edelleen töissä, vaikka saa sairauspäivärahaa.",
    "Kirjoitin {N:Päiville}, että Kela tarvitsee vielä SV 67 -lomakkeen.",
    "Hon bor numera på {A:Handelsesplanaden 15 B 7}, {Z:65100 Vasa}, med sin dotter.",
    "{N:Eino} {N:Heiskanen}, s. {B:18.10.1944}, hetu {H:181044-315?}, lähete geriatriselle poliklinikalle.",
    "Asiakkaan poika kirjoitti osoitteesta {E:ville.h@suomi24.fi} ja vaati pääsyä äidin tietoihin.",
    "{N:Lahja} {N:Salo}, 79 v, saattohoitopäätös tehty, omaiset haluavat hänet kotiin.",
    "Isän auto {R:XUL-95} nähty koulun pihalla lähestymiskiellosta huolimatta.",
    "{N:Kateryna} asuu {A:Satamakatu 1 A 5}, Kotka, lapset 6 ja 9 v, molemmilla ahdistusta.",
    "Nuoren oma tili {I:FI?? 1234 5600 0007 85} – voiko sinne maksaa itsenäistymisvaroja?",
    "The client's husband, {N:Robert} {N:Miller}, works in Tallinn; his phone is {P:+372 5123 4567}.",
    "Could someone advise on {N:Aisha}'s case? She is 19, pregnant and homeless in Turku.",
    "Her ex-partner drives {R:FOX-310} and waits outside the shelter every evening.",
    "Account {I:EE?? 2200 2210 2014 5685} – the client asks Kela to pay the child benefit there.",
    "The mother ({N:Jennifer}, 31) moved from {A:Kirkkotie 45}, {Z:02600 Espoo} without telling social services.",
    "Muuttoilmoitus: {Z:90120 Oulu}, katuosoite puuttuu vielä, asiakas majoittuu kaverilla.",
    "Äidin virallinen osoite {A:Koulukatu 9 A 3}, {Z:80100 Joensuu}, mutta hän asuu miesystävällä.",
    "Uusi vuokra-asunto {A:Valtakatu 31 C 19}, {Z:53100 Lappeenranta}, muutto 1.5.",
    "Tunnus {H:170591Y218?} näyttää oudolta – onko tuo uusi välimerkki oikea?",
    "Isän hetu {H:090982V145?}, elatusapu maksamatta puoli vuotta.",
    "Lapsi, tunnus {H:140315D273?}, tarvitsee päiväkotipaikan kiireellisesti.",
    "henkilötunnus {H:300699U872?}, DVV:n mukaan tiedot päivitetty",
    "Oppilas {H:020208E419?} on kuraattorin asiakas, koulu pyytää lausuntoa.",
    "Keskonen syntyi viikolla 29, tunnus {H:161124F056?}, perhe tarvitsee kotisairaalan käynnit.",
]

# ---------------------------------------------------------------------------
# Clean but hard texts (no identifiers)
# ---------------------------------------------------------------------------
NEGATIVE = [
    # Finnish
    "72-vuotias mies, asuu yksin Hervannassa, lonkkamurtuma 2 kk sitten. Kotiutus Taysista perjantaina, miten kotikuntoutus järjestyy?",
    "Äiti 34 v, EPDS 16, vauva 3 kk. Neuvolan terveydenhoitaja huolissaan, onko perhetyöhön jonoa Kalliossa?",
    "Toivo on ainoa mikä tätä perhettä kannattelee, sanoi perhetyöntekijä palaverissa.",
    "Onni oli myötä: Kela hyväksyi kuntoutuspsykoterapian toisella hakukerralla.",
    "Tuuli on kääntynyt, asiakas on nyt motivoitunut katkaisuhoitoon. AUDIT 24 p, GT 180.",
    "Lapsella F90.0 ja F81.3, Niilo Mäki Instituutin arvio tehty keväällä 2023. Mitä tukea koululta voi vaatia?",
    "Metformiini 1000 mg x 2, HbA1c 71 mmol/mol, eGFR 42. Kannattaako aloittaa SGLT2-estäjä?",
    "Seuraava konsultaatiokokous 14.3.2025 klo 13.00–15.00, Teams-linkki tulee erikseen.",
    "Toimeentulotukihakemus 2 140,50 € hylätty, vuokra 780 €/kk ylittää Vantaan kohtuullisen tason.",
    "KU 101 ja B-lausunto Auroran sairaalasta lähetetty, Kelan päätöstä odotetaan 6 viikkoa.",
    "Ilmarinen hylkäsi työkyvyttömyyseläkkeen, valitus TELK:iin. Kuka voisi avustaa valituksen kirjoittamisessa?",
    "Lapsi kuuntelee iltaisin satua äänikirjana, uni parantunut melatoniinilla 1 mg.",
    "Asiakas sanoi palaverissa: ”rauha on tärkeintä”, ei halua enää riidellä exän kanssa huoltajuudesta.",
    "Isä antoi asunnon lahjana pojalle 2022, vaikuttaako lahja toimeentulotukeen?",
    "Armas aika mikä sotku tämän asumistuen kanssa, kolmas selvityspyyntö samasta asiasta.",
    "PHQ-9 19 p, GAD-7 15 p, essitalopraami 10 mg aloitettu 3 vk sitten. Nostetaanko 20 mg:aan?",
    "COVID-19-jälkitila, uupumus ja hengenahdistus, SPPB 7/12. Fysioterapeutti ehdottaa ryhmäkuntoutusta.",
    "Mies 59 v, asuu Porissa, ICD-10 F10.2 ja K70.3. ALAT 112, GT 640.",
    "Kaarinassa ei ole omaa päihdepoliklinikkaa, asiakkaan pitää käydä Turussa. Korvaako Kela matkat?",
    "Loviisan terveysasemalla psykiatrinen sairaanhoitaja on paikalla vain kahtena päivänä viikossa.",
    "Virta katkesi asiakkaan asunnosta, sähkölasku 480 € maksamatta. Voiko toimeentulotukea myöntää jälkikäteen?",
    "Perhe asuu Kalevassa Tampereella. Kolme lasta, nuorin 2 v, isä työtön, äiti raskausviikolla 30.",
    "Miina Sillanpään Säätiön vapaaehtoiset käyvät asiakkaalla kerran viikossa, muuta verkostoa ei ole.",
    "Mannerheimin Lastensuojeluliiton tukihenkilö on ollut nuorelle tärkeä, jatkoa toivotaan.",
    "Ronald McDonald -lastentalossa majoittuminen onnistui, perhe tulee Kajaanista.",
    "Helmikuussa aloitettu Oiva-ohjelma jäi kesken, asiakas kokee sen liian raskaaksi.",
    "Lumi tuli sisään ikkunan raosta, asunnossa kosteusvaurio, vuokranantaja ei reagoi.",
    "Usko omaan pärjäämiseen on vahva, vaikka BMI 16,8 ja K 3,1 mmol/l.",
    "Into opiskeluun palasi, kun ADHD-lääkitys aloitettiin (lisdeksamfetamiini 50 mg).",
    "Oiva suoritus nuorelta: kävi kaikki 10 ryhmäkertaa ja GAD-7 laski 17 → 8.",
    "Valo on palannut silmiin, sanoi äiti, kun isä pääsi katkolta kotiin.",
    "Mäen päällä oleva palvelutalo on liian kaukana bussipysäkiltä, asiakas 86 v ja rollaattori.",
    "Aalto-yliopiston opiskelija, 23 v, paniikkihäiriö F41.0, YTHS:n jono 3 kk.",
    "Kustaankartanon lyhytaikaishoitoon jaksot 2 vk / 6 vk, omaishoitaja uupunut.",
    "Eiran sairaalasta ei ole tullut epikriisiä, vaikka pyysin sitä kahdesti.",
    "Sosiaalihuoltolain 1301/2014 36 §:n mukainen palvelutarpeen arvio tehty 3.2.2025.",
    "Keva vai Kela? Kunnan entinen työntekijä, 61 v, hakee osatyökyvyttömyyseläkettä.",
    "RR 168/102, pulssi 96, Hb 104 g/l, CRP 48. Lääkäri kysyy tarvitaanko päivystyslähete.",
    "MMSE 21/30, kellotesti 2/3, CERAD-sanalista 11. Muistihoitaja epäilee Alzheimerin tautia (G30.1).",
    "Hankeidea: Juho Vainion Säätiöltä rahoitusta nuorten päihdetyöhön Kontulassa?",
    "Diakonissalaitoksen Vamos-valmennus sopisi 19-vuotiaalle, joka keskeytti ammattikoulun.",
    "Sylva ry:n vertaisryhmä Lahdessa sopisi syöpää sairastavan lapsen vanhemmille.",
    "Maria Akatemian palvelu väkivaltaa käyttäneille naisille – onko Tampereella vastaavaa?",
    "Mielenterveyden keskusliiton kuntoutuskurssi, korvaako Kela? Asiakas 58 v, toistuva masennus F33.1.",
    "Kotihoito 4 käyntiä vrk:ssa, RAVA 3,4, MAPLe 4. Ympärivuorokautinen palveluasuminen haettu.",
    "Omaishoitaja 79 v, hoidettava 82 v, Parkinsonin tauti G20, levodopa 100 mg x 5. Intervallijakso?",
    "Kelan vammaistuki hylätty, lapsella tyypin 1 diabetes E10.9 ja insuliinipumppu. Kannattaako valittaa?",
    "TULE-kurssi Kiipulassa alkaa syyskuussa, 5+5 vrk. Kuntoutusohjaaja kysyy, ehtiikö hakemus.",
    "Psykiatrinen sairaanhoitaja kysyy, voiko Pitkäniemen osastolta kotiutuvalle tehdä suoraan lähetteen päiväsairaalaan.",
    "Lääkitys: ketiapiini 25 mg iltaisin, mirtatsapiini 30 mg, pregabaliini 75 mg x 2 – onko yhteisvaikutuksia?",
    "Päihdehuollon asumispalvelu Sininauhasäätiöltä, maksusitoumus 6 kk kerrallaan.",
    "Kotona 5 lasta, vanhin 16 v ja nuorin 8 kk, asunto 3h+k 62 m². Onko Vantaalla isompia ARA-asuntoja?",
    "ICPC-2 P76, BDI 31, itsetuhoisuus arvioitu. Psykiatrinen konsultaatio kiireellisenä.",
    "Tuulen suunta on muuttunut lastensuojelussa: enemmän avohuoltoa, vähemmän sijoituksia.",
    "Lahjaksi saatu auto – lasketaanko se toimeentulotuessa varaksi?",
    "Rauhaa ja lepoa tarvitaan: äiti 38 v uupunut, EPDS 19, isä ulkomailla töissä.",
    "Satujen lukeminen kuuluu perhetyön menetelmiin, mutta isä ei lue suomea.",
    "Onnea matkaan, sanoi Kelan virkailija, kun hakemus jätettiin kolmannen kerran.",
    "Toivon, että joku osaa neuvoa: lapsi 11 v, koulukieltäytyminen 6 kk, nuorisopsykiatria ei ota vastaan.",
    "Lempeä mutta jämäkkä ote toimii tämän nuoren kanssa parhaiten.",
    "Kaino ja hiljainen 12-vuotias, koulukiusattu, ei puhu kuraattorille.",
    "Isovanhemmat ovat perheen ilona ja tukena, mutta asuvat Kuopiossa.",
    "Aamuisin vapinaa, pyytää diatsepaamia 5 mg. Alkoholin vieroitusoireet?",
    "Äiti pysyi tyynenä, vaikka isä huusi palaverissa.",
    "Tarmoa riittää, mutta keskittyminen ei: ADHD-arvio kesken, odotusaika 5 kk.",
    "Voitto oli jo se, että asiakas tuli vastaanotolle ylipäätään.",
    "Sisu loppui: 60-vuotias omaishoitaja sairastui itse, kaksi uupumusjaksoa.",
    "Asiakas kerää marjoja myyntiin – pitääkö marjatulot ilmoittaa toimeentulotukeen?",
    "Uusi influenssa-aalto täyttää osastot, kotiutukset kotihoitoon viivästyvät.",
    "Koivun siitepölyallergia pahentaa astmaa, FEV1 68 %, Kela-korvattavuus lääkkeille?",
    "Kalliossa asuva 30-vuotias, opioidikorvaushoito buprenorfiini 16 mg, seulat puhtaat 3 kk.",
    "Asunnoton mies nukkuu Kaisaniemen puistossa, yöt kylmiä. Onko ensisuojassa tilaa?",
    "Annalan palvelukeskuksen päivätoiminta 2 krt/vk, kuljetus Tampereen kaupungin kautta.",
    "Elo hylkäsi ammatillisen kuntoutuksen, koska työkyvyttömyyden uhkaa ei katsottu olevan.",
    "LähiTapiolan tapaturmapäätös tuli, mutta korvaus vain 30 päivältä.",
    "Varma ei ole vielä päättänyt ammatillisesta kuntoutuksesta, hakemus jätetty 12/2024.",
    "Veli asuu Oulussa eikä pidä yhteyttä. Sisko 50 v on ainoa tukihenkilö.",
    "Tämä ryhmä on ollut hänelle todellinen helmi, käy joka viikko.",
    "Kelan etuusohjeen s. 14 mukaan tulot otetaan huomioon maksukuukauden mukaan.",
    "Lapsi syntyi keisarinleikkauksella viikolla 34, äidillä synnytyksen jälkeinen masennus.",
    "Lastensuojelulain 417/2007 40 §:n mukainen huostaanotto, lapsi 9 v sijoitettu Seinäjoelle.",
    "Vammaispalvelulaki 675/2023 tuli voimaan, mitä se tarkoittaa henkilökohtaiselle avulle?",
    "Asiakasmaksu 1 060 €/kk palveluasumisesta, käyttövaraa jää 164 €. Onko tämä oikein laskettu?",
    "SCL-90 kokonaispistemäärä korkea, HIV-1-testi negatiivinen, hepatiitti C positiivinen.",
    "Ohjasin asiakkaan mielenterveystalo.fi:n nettiterapiaan masennukseen.",
    "Lisätietoa: https://www.kela.fi/kuntoutus – asiakas ei osaa käyttää verkkopalvelua.",
    "Helsingin Diakonissalaitoksen Hoiva hoitaa nyt kotihoidon, muutos 1.1. alkaen.",
    "Asunto 2h+k 48 m², 4. kerros, ei hissiä – rollaattorilla liikkuva asiakas ei pääse ulos.",
    "Kotihoito ma–pe klo 7–21, yöpartio tarvittaessa, turvapuhelinhälytyksiä 12/vk.",
    "Marttojen kokkikurssi voisi sopia nuorelle miehelle, joka ei osaa laittaa ruokaa.",
    "Tapiolan terveysasemalta tuli lähete, mutta Jorvin päivystyksestä lähetettiin kotiin.",
    "Rinnekoti-säätiön asumisyksikkö tarjoaa paikkaa, mutta omaiset haluavat lähemmäs Kouvolaa.",
    "Sotu ei ole tiedossa, asiakas paperiton, mihin voi ohjata terveydenhuoltoon?",
    "Henkilötunnus puuttuu, joten Kela-korttia ei voi hakea – väliaikainen tunnus?",
    "Puhelinnumeroa ei ole, asiakas käy toimistolla torstaisin klo 10.",
    "Sähköpostia hän ei käytä, kirjeet menevät terveysaseman kautta.",
    "Osoitetta ei ole, asunnoton, postiosoite sosiaalitoimistossa.",
    "Hän on syntynyt Somaliassa ja tullut Suomeen 6-vuotiaana.",
    "Lapsi on syntynyt täysiaikaisena, kehitys ikätasoista 2 v neuvolassa.",
    "Kaleva-lehdessä ollut juttu yksinäisyydestä herätti keskustelua työyhteisössä.",
    "Lahden A-klinikalla ryhmä alkaa 3.9. klo 17, 10 kertaa, omavastuu 0 €.",
    "Salossa ja Kemissä etäpalvelu toimii, Raahessa ei vielä.",
    # Swedish
    "Klienten, 80 år, bor i Närpes. Hemvården kommer två gånger per dag. Demens (F03), MMSE 17.",
    "Hans fru har ALS och han orkar inte längre, behöver avlastning.",
    "Bo kvar hemma eller flytta till serviceboende? Dottern och socialarbetaren är oeniga.",
    "Dag för dag blir det svårare, skriver hemvårdaren. Han äter knappt, vikt 52 kg.",
    "Folkhälsans seniorgrupp i Ekenäs kunde passa henne, men hon vill inte åka buss.",
    "FPA har avslagit ansökan om rehabiliteringspenning, besvärstiden är 30 dagar.",
    "Hon har njursten och smärtor, oxikodon 5 mg vid behov, tar det 4–5 gånger per dygn.",
    "Mötet hålls 12.5 kl. 14.00 i Vasa centralsjukhus, rum 3.",
    "Barnet är 4 år och talar varken svenska eller finska ännu, föräldrarna talar dari.",
    "Utkomststöd 640 € beviljat, hyran är 720 €/mån och elräkningen obetald.",
    "Per dag dricker han ca 12 öl enligt egen uppgift, AUDIT 29.",
    "Han är 91 och har hjärtsvikt (I50.0), NYHA III, men vägrar hemsjukvård.",
    "Röda Korsets vänverksamhet i Jakobstad har tagit kontakt med henne.",
    "Kunde Kårkulla samkommun ta emot honom på korttidsboende? Lindrig utvecklingsstörning F70.",
    "Hennes son bor i Stockholm och ringer en gång i veckan.",
    "Hon är född i Sverige men har bott i Finland i 40 år och pratar bara svenska.",
    "Sten för sten bygger vi upp förtroendet, skriver familjearbetaren.",
    # English
    "Will the Kela rehabilitation allowance continue if the client moves to Espoo in June?",
    "Hope we can discuss this case in May. Client is 45, PTSD (F43.1), PCL-5 score 52.",
    "Mark the next meeting: 5 June 2025 at 2 pm, room B204.",
    "Her blood pressure rose to 182/104 after she stopped amlodipine 5 mg.",
    "We had a frank discussion about alcohol use; AUDIT-C 9, he wants help.",
    "The electricity bill is 320 € and the landlord threatens eviction. Can social assistance cover it?",
    "She has lost faith in the system after three rejections from Kela.",
    "Grace period for rent arrears is two months according to the housing company.",
    "Max dose of paracetamol for him is 3 g/day because of liver values (ALT 98).",
    "Patient, 29, from Ukraine, temporary protection, depression F32.1, sertraline 50 mg.",
    "Is HUS or the wellbeing services county responsible for follow-up after discharge from Aurora Hospital?",
    "Not a penny left after rent: income 1 050 €, rent 690 €, debt collection 210 €/month.",
    "From dawn till dusk he sits alone in the flat; his daughter lives in Oulu.",
    "Can a pension insurer like Varma require a new medical statement after 6 months?",
    "The family moved from Lahti to Salo; does the child welfare case move automatically?",
    "Joy and relief at the meeting: the administrative court ruled in favour of continuing the placement.",
    "Bill from the private clinic (Mehiläinen) 420 €, Kela reimbursement only 8 €.",
    "Sunny days help his mood; seasonal depression (F33.0) recurs every November.",
    "She was born in Somalia and came to Finland as a child; now 17 and in a reception centre.",
    "Hope ry could provide winter clothes for the three children.",
]

# extra clean texts to balance the set
NEGATIVE += [
    "Ikä 93 v, asuu Marjaniemessä omakotitalossa, portaat jyrkät, kaatumisia 2 viime kuussa.",
    "Ullanlinnan terveysasemalla diabeteshoitaja, HbA1c 88, insuliini glargiini 24 yks illalla.",
    "EQ-5D 0,54 ja SF-36:n fyysinen osa-alue matala, kuntoutussuunnitelma päivitetään.",
    "DSM-5:n mukaan kriteerit täyttyvät, mutta ICD-10:ssä koodataan F60.3.",
    "Ensi- ja turvakotien liiton Baby Blues -ryhmä tai Nollalinja – kumpi sopii paremmin?",
    "Kela maksaa sairauspäivärahaa 300 arkipäivää, 150 pv täyttyy 15.5.",
    "Kaksi sijoitettua lasta, 8 ja 10 v, sijaisperhe Pesäpuu ry:n valmentama.",
    "Kalliolan setlementin nuorten talo on ainoa paikka, jossa poika viihtyy.",
    "Eskoon kuntayhtymän kriisiyksikkö otti vastaan yöksi, palaa kotiin maanantaina.",
    "Perheneuvola Kaukajärvellä, jonoa 4 kk. Välimallin palveluja ei ole.",
    "Y-Säätiön asunto Varissuolla vapautuu kesäkuussa.",
]


def main():
    pos = [parse(t) for t in POSITIVE]
    neg = [parse(t) for t in NEGATIVE]
    for t, s in pos:
        assert s, t
    for t, s in neg:
        assert not s, t
    texts = [t for t, _ in pos] + [t for t, _ in neg]
    assert len(set(texts)) == len(texts), "duplicate text"
    print("positive", len(pos), "negative", len(neg))
    c = collections.Counter(sp["kind"] for _, s in pos for sp in s)
    print(dict(c))
    return pos, neg


if __name__ == "__main__":
    import random
    pos, neg = main()
    rows = [{"text": t, "spans": s} for t, s in pos + neg]
    random.Random(20250601).shuffle(rows)
    with open("fresh.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote", len(rows), "lines")
