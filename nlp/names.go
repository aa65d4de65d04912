package nlp

// Gender is what a given name, a title or a role tells of a person's
// gender, for matching "he" and "she" to the person meant. It is a guess
// from common usage, used only to rule a pronoun's candidates out.
type Gender uint8

// Genders.
const (
	Unknown Gender = iota
	Male
	Female
)

// PronounGender returns the gender "he" or "she" refers to.
func PronounGender(pronoun string) Gender {
	switch pronoun {
	case "he", "He", "him", "his":
		return Male
	case "she", "She", "her":
		return Female
	}
	return Unknown
}

// GivenName reports whether word is a common given name, and the gender it
// usually has (Unknown for names given to both: "Jordan", "Alex").
func GivenName(word string) (Gender, bool) {
	switch {
	case in(maleNames, word):
		return Male, true
	case in(femaleNames, word):
		return Female, true
	case in(unisexNames, word):
		return Unknown, true
	}
	return Unknown, false
}

// TitleGender returns the gender a title or role word implies: "Mrs.",
// "Congresswoman", "King".
func TitleGender(word string) Gender {
	switch {
	case in(maleTitles, word) || len(word) > 1 && word[len(word)-1] == '.' && in(maleTitles, word[:len(word)-1]):
		return Male
	case in(femaleTitles, word) || len(word) > 1 && word[len(word)-1] == '.' && in(femaleTitles, word[:len(word)-1]):
		return Female
	}
	return Unknown
}

var maleTitles = set(`Mr|Sir|Lord|King|Prince|Congressman|Spokesman|Chairman|Father|Brother|Emir|Sheikh|Duke|Baron|Pope`)

var femaleTitles = set(`Mrs|Ms|Miss|Madam|Dame|Lady|Queen|Princess|Congresswoman|Spokeswoman|Chairwoman|Sister|Duchess|
	Baroness|Businesswoman`)

// The name lists hold the given names most common in English-language
// news: frequent American and British names and those of public figures
// elsewhere.
var maleNames = set(`Aaron|Abdul|Abraham|Adam|Adrian|Ahmed|Al|Alan|Albert|Alberto|Aleksandr|Alexander|Alexei|Alfred|Ali|
	Allen|Alvin|Andre|Andrew|Andrzej|Andy|Angelo|Anthony|Antonio|Antony|Arnold|Arthur|Ashton|Barack|Barry|Ben|Benjamin|
	Benny|Bernard|Bernie|Bill|Billy|Bob|Bobby|Boris|Brad|Bradley|Brandon|Brett|Brian|Bruce|Bryan|Byron|Calvin|Carl|Carlos|
	Cedric|Chad|Charles|Charlie|Chuck|Clarence|Claude|Clifford|Clint|Colin|Craig|Curtis|Dale|Dan|Daniel|Danny|Darrell|Darren|
	Dave|David|Dean|Dennis|Derek|Dick|Dmitry|Dominic|Don|Donald|Doug|Douglas|Duncan|Dwight|Earl|Ed|Eddie|Edgar|Eduardo|Edward|
	Elijah|Elon|Emmanuel|Enrique|Eric|Erik|Ernest|Ethan|Eugene|Evan|Felix|Fernando|Francis|Francisco|Frank|Franklin|Fred|
	Frederick|Gabriel|Gary|Gavin|Gene|Geoffrey|George|Gerald|Gerhard|Glenn|Gordon|Grant|Greg|Gregory|Guy|Hakeem|Hank|Hans|
	Harold|Harry|Harvey|Hassan|Hector|Henry|Herbert|Herman|Howard|Hugh|Hunter|Ian|Igor|Ilya|Isaac|Ivan|Jack|Jacob|Jake|
	James|Jamal|Jared|Jason|Javier|Jay|Jeb|Jeff|Jeffrey|Jens|Jeremy|Jerome|Jerrold|Jerry|Jesse|Jesus|Jim|Jimmy|Joe|Joel|
	Johann|John|Johnny|Jon|Jonathan|Jorge|Jose|Joseph|Josh|Joshua|Juan|Julian|Justin|Karl|Keir|Keith|Ken|Kenneth|Kevin|
	Kirk|Kurt|Kyle|Lamar|Lance|Larry|Lawrence|Lee|Leo|Leon|Leonard|Lloyd|Louis|Luis|Luke|Marco|Marcus|Mario|Mark|
	Martin|Marvin|Matt|Matthew|Maurice|Max|Michael|Micheal|Miguel|Mike|Mitch|Mitchell|Mitt|Mohammad|Mohammed|Muhammad|
	Nathan|Neil|Newt|Nicholas|Nick|Nicolas|Nigel|Norman|Olaf|Oliver|Omar|Oscar|Owen|Pablo|Patrick|Paul|Pedro|Pete|Peter|
	Phil|Philip|Phillip|Pierre|Rahm|Ralph|Ramon|Randy|Raul|Ray|Raymond|Reggie|Reince|Rex|Ricardo|Richard|Rick|Ricky|Rob|
	Robert|Roberto|Rod|Rodney|Roger|Roland|Ron|Ronald|Ronnie|Roy|Rudy|Rupert|Russell|Ryan|Sam|Samuel|Scott|Sean|Sebastian|
	Sergei|Sergey|Seth|Shawn|Sheldon|Simon|Stanley|Stephen|Steve|Steven|Stuart|Ted|Thomas|Tim|Timothy|Todd|Tom|Tommy|
	Tony|Travis|Troy|Tucker|Tyler|Victor|Vincent|Vincente|Vladimir|Volodymyr|Walter|Warren|Wayne|Wesley|William|Willie|
	Xi|Yuri|Zachary|Zack`)

var femaleNames = set(`Abigail|Ada|Adele|Adriana|Agnes|Aileen|Alexandra|Alexandria|Alice|Alicia|Alison|Allison|Alma|Amanda|
	Amber|Amelia|Amy|Ana|Andrea|Angela|Angelina|Anita|Ann|Anna|Annalena|Anne|Annie|Antoinette|Arlene|Audrey|Barbara|
	Beatrice|Becky|Belinda|Beth|Betsy|Betty|Beverly|Bonnie|Brenda|Bridget|Brittany|Camila|Candace|Carla|Carly|Carmen|Carol|
	Caroline|Carolyn|Catherine|Cathy|Charlotte|Chelsea|Cheryl|Christina|Christine|Cindy|Claire|Claudia|Colleen|Connie|
	Cynthia|Daisy|Danielle|Debbie|Deborah|Debra|Denise|Diana|Diane|Donna|Doris|Dorothy|Edith|Eileen|Elaine|Eleanor|Elena|
	Elise|Elizabeth|Ella|Ellen|Elsa|Emily|Emma|Erica|Erin|Esther|Eva|Evelyn|Fiona|Frances|Gabriela|Gabrielle|Gail|
	Gina|Gloria|Grace|Greta|Gretchen|Hannah|Harriet|Hazel|Heather|Heidi|Helen|Hillary|Holly|Huma|Ilhan|Irene|Iris|
	Isabel|Isabella|Ivanka|Jackie|Jacqueline|Jane|Janet|Janice|Jasmine|Jeanne|Jennifer|Jenny|Jessica|Jill|Joan|Joanna|
	Joanne|Jodi|Josephine|Joy|Joyce|Judith|Judy|Julia|Julie|Juliet|Kamala|Karen|Karin|Kate|Katherine|Kathleen|Kathryn|
	Kathy|Katie|Kay|Kayleigh|Kellyanne|Kirsten|Kristen|Kristi|Kristin|Laura|Lauren|Laurie|Leah|Lena|Liliana|Linda|Lisa|
	Liz|Lois|Lori|Lorraine|Louise|Lucy|Lydia|Lynn|Madeleine|Maggie|Margaret|Margarethe|Maria|Marian|Marianne|Marie|Marilyn|
	Marine|Marion|Marjorie|Martha|Mary|Maxine|Megan|Megyn|Melania|Melanie|Melissa|Meredith|Mia|Michele|Michelle|Mildred|
	Mirjana|Molly|Monica|Monika|Nadia|Nancy|Naomi|Natalie|Natalia|Nicole|Nikki|Nina|Nora|Olga|Olivia|Pam|Pamela|Patricia|
	Patty|Paula|Pauline|Peggy|Penny|Phyllis|Priscilla|Rachel|Rebecca|Regina|Rita|Roberta|Rosa|Rose|Rosemary|Ruth|Sally|
	Samantha|Sandra|Sara|Sarah|Sharon|Sheila|Shirley|Silvia|Sonia|Sophia|Sophie|Stacey|Stephanie|Susan|Susanne|Suzanne|Sylvia|
	Tamara|Tammy|Teresa|Theresa|Tiffany|Tina|Tracy|Tulsi|Ursula|Valerie|Vanessa|Vera|Veronica|Victoria|Wanda|Wendy|
	Yulia|Yvonne|Zoe`)

var unisexNames = set(`Alex|Ashley|Avery|Bailey|Cameron|Casey|Chris|Dana|Drew|Jamie|Jean|Jordan|Kelly|Kim|Leslie|Lindsey|Morgan|Pat|
	Quinn|Riley|Robin|Sasha|Shannon|Sydney|Taylor|Terry`)

// EditDistance is the Levenshtein distance of a and b, or max+1 once it is
// known to exceed max.
func EditDistance(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
