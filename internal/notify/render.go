// Package notify turns the outbox's notifications into emails and sends
// them: the dispatcher claims due rows, renders each in its recipient's
// language, hands them to the mail sender, and records what happened,
// retrying failures with backoff until a message is sent or dead.
package notify

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"math"
	"sort"
	"strings"
	texttemplate "text/template"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/mail"
)

//go:embed templates
var templateFiles embed.FS

var (
	textLayout = texttemplate.Must(texttemplate.ParseFS(templateFiles, "templates/message.txt"))
	htmlLayout = htmltemplate.Must(htmltemplate.ParseFS(templateFiles, "templates/message.html"))
)

// PreferencesPath is the page where people choose what they receive; every
// email links to it and names it in List-Unsubscribe.
const PreferencesPath = "/account/notifications"

// Renderer writes the email for a notification from the catalogue: the
// keys notify.<kind>.subject, .body and .action in the recipient's
// language, falling back to English for a key a language lacks.
type Renderer struct {
	Catalog *i18n.Catalog
	// BaseURL is the instance's public address without a trailing slash;
	// links in emails start with it.
	BaseURL string
}

// message is what the layouts fill in.
type message struct {
	Lang, Subject, Greeting, Body, Action, Link string
	Paragraphs                                  []string
	Footer, Preferences, PreferencesLink        string
}

// Render builds the email of n for u, sent on behalf of community c (zero
// for messages about the account). n.Data supplies the text's fields, and
// its "path" entry, when present, the link.
func (r Renderer) Render(n domain.Notification, u domain.User, c domain.Community) (mail.Message, error) {
	lang := r.language(u, c)
	tr := r.Catalog.Translator(lang)
	args := r.args(n, u, c, tr)
	if n.Kind == domain.NotifyDigest {
		list, updates, err := r.digest(n, c, tr)
		if err != nil {
			return mail.Message{}, fmt.Errorf("render the digest: %w", err)
		}
		args = append(args, "List", list, "Updates", updates)
	}
	key := "notify." + string(n.Kind)
	m := message{
		Lang:            lang,
		Subject:         oneLine(tr.T(key+".subject", args...)),
		Greeting:        tr.T("notify.greeting", "Name", u.Name),
		Body:            tr.T(key+".body", args...),
		Footer:          tr.T("notify.footer", args...),
		Preferences:     tr.T("notify.preferences"),
		PreferencesLink: r.BaseURL + PreferencesPath,
	}
	if c.ID == 0 {
		m.Footer = tr.T("notify.footer.account")
	}
	if path := n.Data["path"]; path != "" {
		m.Link, m.Action = r.BaseURL+path, tr.T(key+".action", args...)
	}
	m.Paragraphs = strings.Split(m.Body, "\n\n")
	var text, html bytes.Buffer
	if err := textLayout.Execute(&text, m); err != nil {
		return mail.Message{}, fmt.Errorf("render %s as text: %w", n.Kind, err)
	}
	if err := htmlLayout.Execute(&html, m); err != nil {
		return mail.Message{}, fmt.Errorf("render %s as HTML: %w", n.Kind, err)
	}
	return mail.Message{
		ID: n.MessageID, To: u.Email, ToName: u.Name, Subject: m.Subject,
		Text: text.String(), HTML: html.String(), Language: lang, Unsubscribe: m.PreferencesLink,
	}, nil
}

// language picks the recipient's own language when the catalogue has it,
// else the community's first, else English.
func (r Renderer) language(u domain.User, c domain.Community) string {
	for _, l := range append([]string{u.Language}, c.Languages...) {
		if i18n.IsSupported(l) {
			return l
		}
	}
	return "en"
}

// args turns the notification's data into the catalogue's name/value
// pairs, adding the community's and the recipient's names. A value under
// a key ending in "_at" is an RFC 3339 time, written out for the reader:
// their language, the community's time zone. Names are sorted so that the
// same data always gives the same arguments.
func (r Renderer) args(n domain.Notification, u domain.User, c domain.Community, tr *i18n.Translator) []any {
	names := make([]string, 0, len(n.Data))
	for k := range n.Data {
		names = append(names, k)
	}
	sort.Strings(names)
	args := []any{"Community", c.Name, "Name", u.Name}
	for _, k := range names {
		if n.Kind == domain.NotifyDigest && (k == "items" || k == "updates") {
			continue // written out by digest
		}
		v := n.Data[k]
		if t, err := time.Parse(time.RFC3339, v); err == nil && strings.HasSuffix(k, "_at") {
			local := t.In(c.Location())
			v = tr.Date(local) + ", " + tr.Time(local)
		}
		args = append(args, dataArg(k), v)
	}
	return args
}

// digest writes what a digest lists in the reader's language: each
// request or opportunity as its title, when, how far and where, and its
// link; each message kept for the digest as its own subject line and
// link. Items are paragraphs, so the HTML shows one per paragraph too.
func (r Renderer) digest(n domain.Notification, c domain.Community, tr *i18n.Translator) (list, updates string, err error) {
	var items []domain.DigestItem
	var kept []domain.DigestUpdate
	if err := json.Unmarshal([]byte(n.Data["items"]), &items); err != nil && n.Data["items"] != "" {
		return "", "", err
	}
	if err := json.Unmarshal([]byte(n.Data["updates"]), &kept); err != nil && n.Data["updates"] != "" {
		return "", "", err
	}
	loc := c.Location()
	lines := make([]string, 0, len(items))
	for _, it := range items {
		parts := []string{"“" + oneLine(it.Title) + "”", span(tr, it.From.In(loc), it.To.In(loc)), distance(tr, it.KM)}
		if it.Address != "" {
			parts = append(parts, oneLine(it.Address))
		}
		lines = append(lines, strings.Join(parts, " · ")+"\n"+r.BaseURL+it.Path)
	}
	news := make([]string, 0, len(kept))
	for _, k := range kept {
		inner := domain.Notification{Kind: k.Kind, Data: k.Data}
		line := oneLine(tr.T("notify."+string(k.Kind)+".subject", r.args(inner, domain.User{}, c, tr)...))
		if p := k.Data["path"]; p != "" {
			line += "\n" + r.BaseURL + p
		}
		news = append(news, line)
	}
	return strings.Join(lines, "\n\n"), strings.Join(news, "\n\n"), nil
}

// span writes a time range, the date once when it ends the same day.
func span(tr *i18n.Translator, from, to time.Time) string {
	if from.Year() == to.Year() && from.YearDay() == to.YearDay() {
		return tr.Date(from) + ", " + tr.Time(from) + "–" + tr.Time(to)
	}
	return tr.Date(from) + ", " + tr.Time(from) + " – " + tr.Date(to) + ", " + tr.Time(to)
}

// distance says roughly how far from home: the places are approximate.
func distance(tr *i18n.Translator, km float64) string {
	if km < 1 {
		return tr.T("notify.digest.near")
	}
	return tr.T("notify.digest.km", "Km", int(math.Round(km)))
}

// dataArg maps a data key such as "shift_title" to the catalogue's
// argument name "ShiftTitle".
func dataArg(key string) string {
	parts := strings.Split(key, "_")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "")
}

// oneLine keeps a subject on one line whatever a title contains.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// NewMessageID returns a fresh Message-ID, without angle brackets, for a
// notification about to be queued. host is the instance's public host.
func NewMessageID(host string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "n." + hex.EncodeToString(b) + "@" + host
}
