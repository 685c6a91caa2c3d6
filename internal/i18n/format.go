package i18n

import (
	"strconv"
	"time"

	"golang.org/x/text/number"
)

// dateStyle is how one language writes a date in full. x/text has no date
// formatting yet, so the five languages are written out here from CLDR's
// long date formats; a new language adds one entry.
type dateStyle struct {
	months [12]string
	// dayDot writes "22." instead of "22", as German and Slovenian do.
	dayDot bool
	// firstOrdinal writes the first day of a month as an ordinal ("1er"),
	// as French does; every other day stays a plain number.
	firstOrdinal string
}

var dateStyles = map[string]dateStyle{
	"en": {months: [12]string{"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"}},
	"nl": {months: [12]string{"januari", "februari", "maart", "april", "mei", "juni",
		"juli", "augustus", "september", "oktober", "november", "december"}},
	"fr": {months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin",
		"juillet", "août", "septembre", "octobre", "novembre", "décembre"}, firstOrdinal: "1er"},
	"de": {months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni",
		"Juli", "August", "September", "Oktober", "November", "Dezember"}, dayDot: true},
	"sl": {months: [12]string{"januar", "februar", "marec", "april", "maj", "junij",
		"julij", "avgust", "september", "oktober", "november", "december"}, dayDot: true},
}

// Date writes d as a full date in the translator's language, for example
// "22 November 2026", "22. November 2026" or "1er novembre 2026". The
// month is spelled out because "03/04" means different days to an English
// and a Dutch reader.
func (t *Translator) Date(d time.Time) string {
	day := strconv.Itoa(d.Day())
	switch {
	case d.Day() == 1 && t.dates.firstOrdinal != "":
		day = t.dates.firstOrdinal
	case t.dates.dayDot:
		day += "."
	}
	return day + " " + t.dates.months[d.Month()-1] + " " + strconv.Itoa(d.Year())
}

// Time writes the time of day on the 24-hour clock, which every supported
// language uses in everyday writing.
func (t *Translator) Time(d time.Time) string { return d.Format("15:04") }

// Number writes x with the language's decimal and grouping marks and at most
// two decimals: "1,234.5" in English, "1.234,5" in Dutch, German and
// Slovenian, "1 234,5" in French.
func (t *Translator) Number(x float64) string {
	return t.printer.Sprint(number.Decimal(x, number.MaxFractionDigits(2)))
}

// Int writes a whole number with the language's grouping marks.
func (t *Translator) Int(n int64) string {
	return t.printer.Sprint(number.Decimal(n))
}
