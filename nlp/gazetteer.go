package nlp

import (
	"strings"
	"unicode/utf8"
)

// The gazetteers are small word lists the name finders consult: places,
// demonyms, titles that come before a person's name, and pronouns. They are
// kept in code so the binary needs nothing downloaded; lookups take the
// lower-case form.

// IsPlace reports whether name (any case) is a country, a capital or a large
// city, a continent or a region.
func IsPlace(name string) bool { return in(places, name) }

// CountryOf returns the country a capital stands for when news writes it
// for the government ("Washington", "Moscow", "Kyiv"), or place itself.
func CountryOf(place string) string {
	if c, ok := capitals[place]; ok {
		return c
	}
	return place
}

var capitals = map[string]string{"Washington": "United States", "Moscow": "Russia", "Kyiv": "Ukraine", "Kiev": "Ukraine",
	"Beijing": "China", "London": "United Kingdom", "Paris": "France", "Berlin": "Germany", "Tokyo": "Japan", "Tehran": "Iran",
	"Pyongyang": "North Korea", "Seoul": "South Korea", "Jerusalem": "Israel", "Ankara": "Turkey", "New Delhi": "India",
	"Ottawa": "Canada", "Canberra": "Australia", "Rome": "Italy", "Madrid": "Spain", "Warsaw": "Poland", "Damascus": "Syria",
	"Baghdad": "Iraq", "Kabul": "Afghanistan", "Riyadh": "Saudi Arabia", "Cairo": "Egypt", "Havana": "Cuba",
	"Caracas": "Venezuela", "Minsk": "Belarus", "Taipei": "Taiwan", "Islamabad": "Pakistan", "Brasilia": "Brazil",
	"Mexico City": "Mexico", "Budapest": "Hungary", "Vienna": "Austria", "Athens": "Greece", "Doha": "Qatar",
	"Abu Dhabi": "United Arab Emirates", "Tbilisi": "Georgia", "Yerevan": "Armenia", "Baku": "Azerbaijan"}

// IsDemonym reports whether word (any case) is a nationality or regional
// adjective: "European", "Latvian". These are not entities.
func IsDemonym(word string) bool { return in(demonyms, word) }

// TitleWords reports how many of the words ending at words[len-1] are
// roles ("Defense Secretary", "Prime Minister", "Mr."), reading from the
// end; 0 when the last word is not one.
func TitleWords(words []string) int {
	n := 0
	for k := len(words) - 1; k >= 0 && roleWord(words[k]); k-- {
		n++
	}
	return n
}

// IsTitleWord reports whether word can stand in the title before a
// person's name: a role ("Secretary"), or what qualifies one ("NATO",
// "U.S.", "German" in "German Chancellor Olaf Scholz").
func IsTitleWord(word string) bool {
	return roleWord(word) || in(affiliations, word) || IsDemonym(word) || IsPlace(word)
}

// IsRoleWord reports whether word names a role itself ("Mayor",
// "Secretary", "Minister"), not only qualifies one ("National", "Foreign").
func IsRoleWord(word string) bool {
	return in(coreRoles, word) || strings.HasSuffix(word, ".") && in(coreRoles, word[:len(word)-1])
}

var coreRoles = set(`President|Minister|Secretary|Chancellor|Premier|King|Queen|Prince|Princess|Pope|Sheikh|Emir|Governor|
	Gov|Mayor|Senator|Sen|Representative|Rep|Congressman|Congresswoman|Speaker|Leader|Chairman|Chairwoman|Chair|Chief|
	Director|Ambassador|Envoy|Spokesman|Spokeswoman|Spokesperson|Commissioner|Commander|Admiral|Gen|General|Colonel|Col|
	Captain|Capt|Sergeant|Sgt|Judge|Justice|Attorney|Adviser|Advisor|Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Dame|Lord|Rev|
	Reverend|CEO|Founder|Host|Anchor|Correspondent|Editor|Analyst|Officer|Official|Head|MP|MEP|Lawmaker|Rabbi|Imam|
	Bishop|Cardinal|Archbishop|Coach|Manager|Historian|Economist|Professor|Activist|Author|Writer|Candidate|Nominee|
	Counsel|Prosecutor|Sheriff|Inspector|Detective`)

func roleWord(word string) bool {
	return in(titleWords, word) || strings.HasSuffix(word, ".") && in(titleWords, word[:len(word)-1])
}

// in looks word up in a lower-case set without allocating for the short
// ASCII words names are made of: these lookups run for every capitalised
// word of every article.
func in(set map[string]bool, word string) bool {
	var buf [48]byte
	if len(word) > len(buf) {
		return set[strings.ToLower(word)]
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			return set[strings.ToLower(word)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return set[string(buf[:len(word)])]
}

func set(lists ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range strings.Split(l, "|") {
			if w = strings.TrimSpace(w); w != "" {
				m[strings.ToLower(w)] = true
			}
		}
	}
	return m
}

var places = set(
	// Countries.
	`Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|
	Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|
	Cameroon|Canada|Chad|Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czechia|Czech Republic|Denmark|
	Djibouti|Dominica|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|
	Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|
	Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|
	Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|
	Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|
	Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|
	Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|
	Slovakia|Slovenia|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|
	Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Tunisia|Turkey|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|
	United Arab Emirates|United Kingdom|United States|America|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|Yemen|
	Zambia|Zimbabwe|U.S.|US|USA|U.K.|UK|Britain|Great Britain|England|Scotland|Wales|UAE|Gaza|West Bank|District of Columbia|Crimea|Donbas|Kosovo`,
	// Capitals and large cities.
	`Kabul|Tirana|Algiers|Buenos Aires|Yerevan|Canberra|Sydney|Melbourne|Vienna|Baku|Dhaka|Minsk|Brussels|Sarajevo|Brasilia|
	Rio de Janeiro|Sao Paulo|Sofia|Ottawa|Toronto|Montreal|Vancouver|Santiago|Beijing|Shanghai|Hong Kong|Bogota|Zagreb|Havana|
	Nicosia|Prague|Copenhagen|Cairo|Tallinn|Addis Ababa|Helsinki|Paris|Berlin|Munich|Hamburg|Frankfurt|Accra|Athens|Budapest|
	Reykjavik|New Delhi|Delhi|Mumbai|Jakarta|Tehran|Baghdad|Dublin|Jerusalem|Tel Aviv|Rome|Milan|Tokyo|Osaka|Amman|Astana|
	Nairobi|Riga|Beirut|Tripoli|Vilnius|Kuala Lumpur|Mexico City|Chisinau|Rabat|Amsterdam|The Hague|Wellington|Abuja|Lagos|
	Pyongyang|Oslo|Islamabad|Karachi|Lahore|Manila|Warsaw|Lisbon|Doha|Bucharest|Moscow|St. Petersburg|Riyadh|Belgrade|Seoul|
	Madrid|Barcelona|Stockholm|Geneva|Zurich|Bern|Damascus|Taipei|Bangkok|Tunis|Ankara|Istanbul|Kyiv|Kiev|Kharkiv|Odesa|Odessa|
	Lviv|Dnipro|Mariupol|Abu Dhabi|Dubai|London|Manchester|Edinburgh|Washington|New York|Los Angeles|Chicago|Houston|Miami|
	San Francisco|Boston|Seattle|Atlanta|Philadelphia|Caracas|Hanoi|Sanaa|Harare|Munich|Davos|Brussels|Strasbourg|Luxembourg|
	Kursk|Belgorod|Donetsk|Luhansk|Zaporizhzhia|Kherson|Bakhmut|Avdiivka|Rafah|Khan Younis|Ramallah|Mar-a-Lago|Florida|Texas|
	California|Alaska|Hawaii|Virginia|Ohio|Michigan|Pennsylvania|Arizona|Nevada|Georgia|Iowa`,
	// Continents and regions.
	`Europe|Asia|Africa|Antarctica|Oceania|North America|South America|Latin America|Middle East|Balkans|Baltics|Caucasus|
	Scandinavia|Arctic|Pacific|Atlantic|Mediterranean|Black Sea|Baltic Sea|Red Sea|Western Europe|Eastern Europe|Central Asia|
	Sahel|Indo-Pacific|Gulf|Persian Gulf`,
)

var demonyms = set(
	`Afghan|Albanian|Algerian|American|Argentine|Argentinian|Armenian|Australian|Austrian|Azerbaijani|Belarusian|Belgian|
	Bosnian|Brazilian|British|Bulgarian|Canadian|Chilean|Chinese|Colombian|Croatian|Cuban|Cypriot|Czech|Danish|Dutch|Egyptian|
	English|Estonian|Ethiopian|European|Finnish|French|Georgian|German|Greek|Hungarian|Icelandic|Indian|Indonesian|Iranian|
	Iraqi|Irish|Israeli|Italian|Japanese|Jordanian|Kazakh|Kenyan|Korean|Kurdish|Latvian|Lebanese|Libyan|Lithuanian|Malaysian|
	Mexican|Moldovan|Mongolian|Moroccan|Nigerian|Norwegian|Pakistani|Palestinian|Polish|Portuguese|Qatari|Romanian|Russian|
	Saudi|Scottish|Serbian|Slovak|Slovenian|Somali|Spanish|Swedish|Swiss|Syrian|Taiwanese|Thai|Tunisian|Turkish|Ukrainian|
	Venezuelan|Vietnamese|Welsh|Yemeni|Western|Eastern|Northern|Southern|Asian|African|Arab|Arabic|Latin|Nordic|Baltic|
	Transatlantic|Soviet|Kremlin-backed|Democratic|Republican|Democrat|Islamic|Christian|Jewish|Muslim|Catholic|Orthodox`,
)

var titleWords = set(
	`President|Vice|Prime|Minister|Secretary|General|Chancellor|Premier|King|Queen|Prince|Princess|Pope|Sheikh|Emir|
	Governor|Mayor|Senator|Sen|Representative|Rep|Congressman|Congresswoman|Speaker|Leader|Chairman|Chairwoman|Chair|
	Chief|Executive|Director|Ambassador|Envoy|Special|Spokesman|Spokeswoman|Spokesperson|Commissioner|Commander|Admiral|
	Gen|Lt|Col|Colonel|Major|Captain|Capt|Sgt|Sergeant|Judge|Justice|Attorney|Defense|Defence|Foreign|Interior|Finance|
	Deputy|Assistant|State|Home|Health|Trade|Economy|Energy|Security|National|Adviser|Advisor|Senior|Mr|Mrs|Ms|Miss|Dr|Prof|
	Treasury|Commerce|Justice|Labor|Labour|Transportation|Agriculture|Education|Veterans|Intelligence|Policy|Affairs|
	MP|MEP|Lawmaker|Legislator|Parliamentarian|Councillor|Councilor|Rabbi|Imam|Bishop|Cardinal|Archbishop|Coach|Manager|
	Professor|Sir|Dame|Lord|Lady|Rev|Reverend|Father|Sister|CEO|Founder|Host|Anchor|Correspondent|Editor|Analyst|
	Former|Ex|Acting|Interim|Incoming|Outgoing|Then|Top|First|Lady|Officer|Official|Head|Army|Navy|Air|Force|Homeland|
	Historian|Economist|Activist|Author|Writer|Candidate|Nominee|Counsel|Prosecutor|Sheriff|Inspector|Detective`,
)

// affiliations qualify a title: "NATO Secretary General", "White House
// spokeswoman".
var affiliations = set(`NATO|EU|UN|G7|G20|Kremlin|White|House|Pentagon|Department|Ministry|Fed|IMF|WHO|OPEC|Hamas|Hezbollah`)

// IsPlaceWord reports whether word ends the names of places and
// buildings: "National Mall", "Eugene Simpson Stadium Park".
func IsPlaceWord(word string) bool { return in(placeWords, word) }

var placeWords = set(`Mall|Square|Street|Avenue|Park|Stadium|Center|Centre|Hospital|Airport|Bridge|Building|Tower|Hall|
	Road|River|Lake|Mountain|Mountains|Island|Islands|County|Valley|Bay|Beach|Coast|Harbor|Harbour|Station|Plaza|Boulevard|
	Field|Arena|Chapel|Church|Cathedral|Palace|Castle|Base|Camp|Prison|Border|Strait|Peninsula|Desert|Province|District|Region|
	City|Town|Township|Village|Heights|Springs|Falls|Beach|Harbor|Port`)

// IsOrgWord reports whether word ends organisation names ("Armed Forces",
// "Foreign Ministry", "Truth Social"): such a name is not a person's.
func IsOrgWord(word string) bool { return in(orgWords, word) }

var orgWords = set(`Forces|Force|Army|Navy|Ministry|Party|Council|Union|Commission|Agency|Office|Department|Committee|
	Parliament|Government|Assembly|Bank|Fund|Court|Organization|Organisation|Institute|University|Group|Corporation|Inc|
	Ltd|Corp|Company|News|Times|Post|Journal|Press|Agency|Service|Services|Network|Social|Media|Alliance|Coalition|Front|Movement|
	Kremlin|Pentagon|House|Senate|Congress|Cabinet|Democrats|Republicans|Convention|Caucus|Campaign|Institution|Summit|Conference|Forum|Foundation|Association|Federation|Board|Bureau`)

// IsNotAName reports whether a capitalised word is never a person's name:
// days, months, platforms, single letters.
func IsNotAName(word string) bool { return utf8.RuneCountInString(word) < 2 || in(notNames, word) }

var notNames = set(`Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|
	August|September|October|November|December|Facebook|Twitter|Telegram|Instagram|YouTube|TikTok|Truth|Threads|Bluesky|
	LinkedIn|WhatsApp|Today|Yesterday|Tomorrow|God`)

// speakerPronouns stand for a person named before; "they" and "it" are
// left out, as they stand for groups and organisations too often to guess.
var speakerPronouns = map[string]bool{"he": true, "she": true}

// IsSpeakerPronoun reports whether word is a third-person pronoun that
// stands for a person ("he", "she").
func IsSpeakerPronoun(word string) bool {
	return len(word) <= 3 && speakerPronouns[strings.ToLower(word)]
}
