package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// The volunteer area's pages: onboarding, feed, offering, tasks and the
// task page, with bad input and people who may not see a task.

// volunteerNow is a Monday morning; requests are made for the next day, so
// reasons and times come out the same on every run.
var volunteerNow = time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)

// volunteerFixture is a community with a person who asks, a volunteer with
// a profile, another volunteer, and an operator to propose tasks.
type volunteerFixture struct {
	h                       *harness
	asker, helper, other    *http.Cookie
	askerCtx, helperCtx, op context.Context
	request                 service.RequestView
}

func newVolunteerFixture(t *testing.T) *volunteerFixture {
	t.Helper()
	now := volunteerNow
	h := newHarness(t, service.Options{Now: func() time.Time { return now }})
	f := &volunteerFixture{h: h,
		asker:  h.register("utrecht-oost", "Anke", "anke@example.org"),
		helper: h.register("utrecht-oost", "Henk", "henk@example.org"),
		other:  h.register("utrecht-oost", "Olga", "olga@example.org"),
	}
	f.askerCtx, f.helperCtx = f.ctx(t, f.asker), f.ctx(t, f.helper)
	op, err := h.svc.CreateOperator(t.Context(), "op@example.org", testPassword, "Op")
	if err != nil {
		t.Fatal(err)
	}
	f.op = service.WithActor(t.Context(), op)
	for _, c := range []*http.Cookie{f.helper, f.other} {
		if _, err := h.svc.PutMyVolunteer(f.ctx(t, c), "utrecht-oost", volunteerProfile()); err != nil {
			t.Fatal(err)
		}
	}
	f.request = f.ask(t, "Shopping at the market", "Secret street 1")
	return f
}

// ctx is the service context of the person behind a session cookie.
func (f *volunteerFixture) ctx(t *testing.T, c *http.Cookie) context.Context {
	t.Helper()
	u, err := f.h.svc.Authenticate(t.Context(), c.Value)
	if err != nil {
		t.Fatal(err)
	}
	return service.WithActor(t.Context(), u)
}

// volunteerProfile does groceries in Dutch on Tuesday mornings near the
// centre of Utrecht Oost.
func volunteerProfile() domain.Volunteer {
	return domain.Volunteer{Skills: []string{"groceries"}, Languages: []string{"nl"},
		Home: domain.Point{Lat: 52.09, Lng: 5.14}, RadiusKM: 2,
		Availability: []domain.Slot{{Day: "tue", From: "08:00", To: "12:00"}}}
}

// ask makes a groceries request for Tuesday 10:00–12:00 in Utrecht (09:00
// UTC) as the asker.
func (f *volunteerFixture) ask(t *testing.T, title, address string) service.RequestView {
	t.Helper()
	r, err := f.h.svc.CreateRequest(f.askerCtx, "utrecht-oost", domain.Request{Category: "groceries", Title: title,
		Languages: []string{"nl"}, Location: domain.Point{Lat: 52.091, Lng: 5.141}, Address: address,
		NeededFrom: volunteerNow.Add(26 * time.Hour), NeededBy: volunteerNow.Add(28 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// propose makes the operator ask the helper to take a new request.
func (f *volunteerFixture) propose(t *testing.T, title, address string) domain.Assignment {
	t.Helper()
	r := f.ask(t, title, address)
	v, err := f.h.svc.MyVolunteer(f.helperCtx, "utrecht-oost")
	if err != nil {
		t.Fatal(err)
	}
	as, err := f.h.svc.Propose(f.op, "utrecht-oost", r.ID, v.UserID)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func taskPath(id int64) string { return fmt.Sprintf("/c/utrecht-oost/tasks/%d", id) }

// profileForm is a complete onboarding form: groceries, Dutch, a pin,
// 2 km, Tuesday morning and two tasks at a time.
func profileForm() url.Values {
	return url.Values{"skills": {"groceries"}, "tags": {"bike, dutch cooking"}, "languages": {"nl", "en"},
		"place": {"pin"}, "lat": {"52.09"}, "lon": {"5.14"}, "radius_km": {"2"},
		"slot": {"tue-morning", "sat-evening"}, "max_active": {"2"}}
}

func TestBecomingAVolunteer(t *testing.T) {
	h := newHarness(t, service.Options{})
	member := h.register("utrecht-oost", "Mila", "mila@example.org")
	me := []*http.Cookie{member}
	without := func(drop ...string) url.Values {
		f := profileForm()
		for _, d := range drop {
			f.Del(d)
		}
		return f
	}
	runScenarios(t, h, []scenario{
		{name: "visitors are sent to log in and come back",
			req:    request{method: "GET", path: "/c/utrecht-oost/volunteer"},
			status: http.StatusSeeOther, location: "/login?next=%2Fc%2Futrecht-oost%2Fvolunteer"},
		{name: "a form posted after the session ended returns to the form after login",
			req:    request{method: "POST", path: "/c/utrecht-oost/volunteer", form: profileForm()},
			status: http.StatusSeeOther, location: "/login?next=%2Fc%2Futrecht-oost%2Fvolunteer"},
		{name: "unknown community",
			req:    request{method: "GET", path: "/c/atlantis/volunteer", cookies: me, header: english()},
			status: http.StatusNotFound, contains: []string{"We could not find this community"}},
		{name: "the form offers the community's kinds of help, languages and the week",
			req:    request{method: "GET", path: "/c/utrecht-oost/volunteer", cookies: me, header: english()},
			status: http.StatusOK,
			contains: []string{"<h1>Become a volunteer</h1>", "Step 1 of 5:", `name="skills" value="groceries"`,
				"Company and a chat", `name="languages" value="nl"`, `id="lang-en" name="languages" value="en" checked`,
				`name="slot" value="tue-morning"`, "Tuesday, Morning", "08:00–12:00", `name="place"`,
				`<option value="5" selected>Up to 5 km</option>`, `value="2" checked`, "2 tasks at a time",
				`src="/static/`, "js/volunteer.js", `<a class="button button-quiet" href="/c/utrecht-oost/feed">Volunteering</a>`},
			absent: []string{`value="childcare"`, `name="address"`, `name="existing"`}},
		{name: "nothing chosen: every mistake at once, next to its field",
			req:    request{method: "POST", path: "/c/utrecht-oost/volunteer", cookies: me, header: english(), form: url.Values{"radius_km": {"2"}}},
			status: http.StatusUnprocessableEntity,
			contains: []string{"Please check your answers",
				`<a href="#f-skills">Please tick at least one kind of help (at most 40 in all).</a>`,
				`id="f-skills" class="choice-group field-invalid" aria-describedby="f-skills-hint f-skills-error" aria-invalid="true"`,
				"Please tick at least one language you speak.", "Choose a place or put a pin on the map."}},
		{name: "numbers that are not numbers are refused, not defaulted",
			req: request{method: "POST", path: "/c/utrecht-oost/volunteer", cookies: me, header: english(),
				form: func() url.Values {
					f := profileForm()
					f.Set("radius_km", "far")
					f.Set("max_active", "99")
					return f
				}()},
			status: http.StatusUnprocessableEntity,
			contains: []string{"Please choose how far you will go.", "Please choose how many tasks you take on at the same time.",
				`value="tue-morning" checked`, `value="bike, dutch cooking"`, `value="52.09"`}},
		{name: "a mistake in the pin keeps the rest of the answers",
			req:      request{method: "POST", path: "/c/utrecht-oost/volunteer", cookies: me, header: english(), form: func() url.Values { f := without("lat"); return f }()},
			status:   http.StatusUnprocessableEntity,
			contains: []string{"Enter the latitude.", `id="skill-groceries" name="skills" value="groceries" checked`},
			absent:   []string{"Please tick at least one kind of help"}},
		{name: "a complete form saves the profile and leads to the feed",
			req:    request{method: "POST", path: "/c/utrecht-oost/volunteer", cookies: me, form: profileForm()},
			status: http.StatusSeeOther, location: "/c/utrecht-oost/feed?saved=1",
			check: func(t *testing.T, h *harness, _ response) {
				u, _ := h.svc.Authenticate(t.Context(), member.Value)
				ctx := service.WithActor(t.Context(), u)
				v, err := h.svc.MyVolunteer(ctx, "utrecht-oost")
				if err != nil {
					t.Fatal(err)
				}
				want := []domain.Slot{{Day: "tue", From: "08:00", To: "12:00"}, {Day: "sat", From: "17:00", To: "21:00"}}
				if fmt.Sprint(v.Skills) != "[groceries bike dutch cooking]" || fmt.Sprint(v.Languages) != "[nl en]" ||
					v.RadiusKM != 2 || v.MaxActive != 2 || fmt.Sprint(v.Availability) != fmt.Sprint(want) ||
					v.Home != (domain.Point{Lat: 52.09, Lng: 5.14}) {
					t.Errorf("stored profile %+v", v)
				}
				if role := h.svc.Role(ctx, domain.Community{ID: v.CommunityID}); role != domain.RoleVolunteer {
					t.Errorf("role after onboarding %q, want volunteer", role)
				}
			}},
		{name: "the same page edits the profile later, filled in",
			req:    request{method: "GET", path: "/c/utrecht-oost/volunteer", cookies: me, header: english()},
			status: http.StatusOK,
			contains: []string{"<h1>My volunteer profile</h1>", "Save my profile", `name="existing" value="1"`,
				`id="skill-groceries" name="skills" value="groceries" checked`, `value="bike, dutch cooking"`,
				`value="sat-evening" checked`, `<option value="2" selected>Up to 2 km</option>`,
				`<option value="pin" selected>`, `value="52.090000"`, `aria-current="page">My volunteer profile</a>`}},
	})
}

func TestProfileKeepsTimesTheGridCannotShow(t *testing.T) {
	h := newHarness(t, service.Options{})
	c := h.register("utrecht-oost", "Tim", "tim@example.org")
	u, _ := h.svc.Authenticate(t.Context(), c.Value)
	v := volunteerProfile()
	v.Availability = []domain.Slot{{Day: "mon", From: "16:00", To: "20:00"}, {Day: "tue", From: "08:00", To: "12:00"}}
	if _, err := h.svc.PutMyVolunteer(service.WithActor(t.Context(), u), "utrecht-oost", v); err != nil {
		t.Fatal(err)
	}
	res := h.do(request{method: "GET", path: "/c/utrecht-oost/volunteer", cookies: []*http.Cookie{c}, header: english()})
	for _, want := range []string{`name="keep" value="mon 16:00 20:00" checked`, "Monday, 16:00–20:00", `value="tue-morning" checked`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("profile page lacks %q", want)
		}
	}
	if strings.Contains(res.body, `value="mon-afternoon" checked`) {
		t.Error("a time the grid cannot show was shown as a box")
	}
}

func TestFeed(t *testing.T) {
	f := newVolunteerFixture(t)
	h := f.h
	stranger := h.register("utrecht-oost", "Sam", "sam@example.org")
	runScenarios(t, h, []scenario{
		{name: "visitors are sent to log in",
			req:    request{method: "GET", path: "/c/utrecht-oost/feed"},
			status: http.StatusSeeOther, location: "/login?next=%2Fc%2Futrecht-oost%2Ffeed"},
		{name: "without a profile the feed leads to the onboarding",
			req:      request{method: "GET", path: "/c/utrecht-oost/feed", cookies: []*http.Cookie{stranger}, header: english()},
			status:   http.StatusOK,
			contains: []string{"First tell us what you can do", `href="/c/utrecht-oost/volunteer"`},
			absent:   []string{"Offer to help"}},
		{name: "requests that fit come with their reasons in words, and no address",
			req:    request{method: "GET", path: "/c/utrecht-oost/feed?saved=1", cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusOK,
			contains: []string{"Your volunteer profile is saved.", "Shopping at the market", "You speak Dutch",
				"You help with: Groceries", "Fits your Tuesday morning", "km from you", "Tuesday 3 March 2026, 10:00–12:00",
				fmt.Sprintf(`action="/c/utrecht-oost/requests/%d/offer"`, f.request.ID), "Offer to help"},
			absent: []string{"Secret street"}},
		{name: "reasons follow the language, numbers too",
			req:    request{method: "GET", path: "/c/utrecht-oost/feed", cookies: []*http.Cookie{f.helper, {Name: "mutua_lang", Value: "de"}}},
			status: http.StatusOK,
			contains: []string{`<html lang="de">`, "Sie sprechen Niederländisch", "Passt zu Ihrem Dienstagvormittag",
				"km von Ihnen entfernt", "Dienstag, 3. März 2026, 10:00–12:00 Uhr"}},
		{name: "the person who asked is not offered their own request",
			setup: func(h *harness) []*http.Cookie {
				if _, err := h.svc.PutMyVolunteer(f.askerCtx, "utrecht-oost", volunteerProfile()); err != nil {
					t.Fatal(err)
				}
				return []*http.Cookie{f.asker}
			},
			req:    request{method: "GET", path: "/c/utrecht-oost/feed", header: english()},
			status: http.StatusOK, contains: []string{"Nothing fits right now"}, absent: []string{"Shopping at the market"}},
		{name: "a strange page number starts at the top",
			req:    request{method: "GET", path: "/c/utrecht-oost/feed?from=-5", cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusOK, contains: []string{"Shopping at the market"}},
	})
}
