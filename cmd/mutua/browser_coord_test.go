package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
)

// The coordinator's overview and roster in a real browser: Janez, admin of
// the demo's food bank, finds Nina's place on the Saturday shift, is told
// kindly that a shift cannot be closed before it begins, then checks Nina
// in on a shift that has just begun and closes it, which logs her hour.

func TestBrowserCoord(t *testing.T) {
	ctx := newBrowser(t)
	base := startDemo(t)
	cat := catalog(t)
	janez := demoByEmail(t, "janez.kos@example.org")
	nina := demoByEmail(t, "nina.horvat@example.org")
	orgID := coordFoodBank(t, base)
	overview := fmt.Sprintf("/c/%s/organisations/%d/shifts", demo.Slug, orgID)

	// A shift that begins a few seconds from now, with Nina signed up
	// before it does: only a shift that has begun can be closed.
	soon := coordShiftSoon(t, base, orgID, janez.Email, nina.Email)

	navigate(t, ctx, base+overview)
	if got, want := location(t, ctx), "/login?next="+url.QueryEscape(overview); got != want {
		t.Fatalf("a visitor is sent to %s, want %s", got, want)
	}
	if status := volunteerLogIn(t, ctx, cat, janez.Email); status != http.StatusOK {
		t.Fatalf("the overview after logging in: %d\n%s", status, pageText(ctx))
	}
	tr := cat.Translator(htmlLang(t, ctx))
	waitText(t, ctx, tr.T("coord.shifts.title"))
	waitText(t, ctx, "Saturday food distribution")
	waitText(t, ctx, tr.T("coord.fill", "Taken", 1, "Capacity", 8))
	waitText(t, ctx, tr.T("coord.shifts.gap", "Count", 7))
	checkPage(t, ctx, "coord-overview")

	// The first Saturday row is the nearest Saturday, Nina's.
	saturday := chromedp.Search(`//tr[contains(., "Saturday food distribution")]//a`)
	if status := submit(t, ctx, saturday); status != http.StatusOK {
		t.Fatalf("the roster: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("coord.roster.placed.title"))
	waitText(t, ctx, nina.Name)
	waitText(t, ctx, nina.Email)
	checkPage(t, ctx, "coord-roster")
	if status := submit(t, ctx, button(tr.T("coord.roster.close.submit"))); status != http.StatusConflict {
		t.Errorf("closing a shift that has not begun answers %d, want 409", status)
	}
	waitText(t, ctx, tr.T("coord.error.not_started"))
	checkPage(t, ctx, "")
	submit(t, ctx, link(tr.T("coord.roster.back", "Name", "Banka hrane Žalec")))
	if got := location(t, ctx); got != overview {
		t.Errorf("the roster leads back to %s, want the overview", got)
	}

	coordWaitUntil(t, soon)
	roster := fmt.Sprintf("/c/%s/shifts/%d", demo.Slug, soon.id)
	navigate(t, ctx, base+roster)
	waitText(t, ctx, tr.T("coord.status.begun"))
	checkIn := chromedp.Search(`//tr[contains(., ` + xpathString(nina.Name) + `)]//button[contains(normalize-space(.), ` +
		xpathString(tr.T("coord.roster.checkin")) + `)]`)
	if status := submit(t, ctx, checkIn); status != http.StatusOK {
		t.Fatalf("check in: %d\n%s", status, pageText(ctx))
	}
	if got := location(t, ctx); got != roster+"?notice=checked_in" {
		t.Errorf("after checking in the browser is on %s", got)
	}
	waitText(t, ctx, tr.T("coord.notice.checked_in"))
	if status := submit(t, ctx, button(tr.T("coord.roster.close.submit"))); status != http.StatusOK {
		t.Fatalf("close: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("coord.notice.closed"))
	waitText(t, ctx, tr.T("coord.roster.logged.text", "Count", 1, "Hours", tr.T("coord.hours", "Count", 1.0)))
	if strings.Contains(pageText(ctx), tr.T("coord.roster.close.submit")) {
		t.Error("the closed shift still offers to close it")
	}
	checkPage(t, ctx, "coord-roster-closed")
}

// coordFoodBank finds the demo's food bank through the API.
func coordFoodBank(t *testing.T, base string) int64 {
	t.Helper()
	var orgs []struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	coordAPI(t, "GET", base+"/api/v1/communities/"+demo.Slug+"/organisations", "", nil, &orgs)
	for _, o := range orgs {
		if o.Name == "Banka hrane Žalec" {
			return o.ID
		}
	}
	t.Fatalf("the demo has no food bank: %+v", orgs)
	return 0
}

// coordSoon is a shift the test made, and when it begins.
type coordSoon struct {
	id    int64
	start time.Time
}

// coordShiftSoon posts, as the food bank's admin, a one-hour shift that
// begins in a few seconds, and signs the volunteer up for it.
func coordShiftSoon(t *testing.T, base string, orgID int64, admin, volunteer string) coordSoon {
	t.Helper()
	var community struct {
		Center struct {
			Lat float64 `json:"lat"`
			Lng float64 `json:"lng"`
		} `json:"center"`
	}
	coordAPI(t, "GET", base+"/api/v1/communities/"+demo.Slug, "", nil, &community)
	start := time.Now().Add(4 * time.Second).Truncate(time.Second)
	body := map[string]any{
		"organisation_id": orgID, "title": "Unloading the van", "description": "", "category": "food",
		"skills": []string{}, "languages": []string{}, "address": "", "location": community.Center,
		"shifts": []map[string]any{{"start": start.Format(time.RFC3339), "end": start.Add(time.Hour).Format(time.RFC3339), "capacity": 2}},
	}
	var opp struct {
		Shifts []struct {
			ID int64 `json:"id"`
		} `json:"shifts"`
	}
	coordAPI(t, "POST", base+"/api/v1/communities/"+demo.Slug+"/opportunities", coordToken(t, base, admin), body, &opp)
	if len(opp.Shifts) != 1 {
		t.Fatalf("the new opportunity has %d shifts", len(opp.Shifts))
	}
	var sg struct {
		Status string `json:"status"`
	}
	coordAPI(t, "POST", fmt.Sprintf("%s/api/v1/communities/%s/shifts/%d/signups", base, demo.Slug, opp.Shifts[0].ID),
		coordToken(t, base, volunteer), map[string]any{}, &sg)
	if sg.Status != "confirmed" {
		t.Fatalf("the sign-up is %q, want confirmed", sg.Status)
	}
	return coordSoon{id: opp.Shifts[0].ID, start: start}
}

// coordWaitUntil waits until the shift has begun.
func coordWaitUntil(t *testing.T, s coordSoon) {
	t.Helper()
	if d := time.Until(s.start); d > 0 {
		time.Sleep(d + 200*time.Millisecond)
	}
}

// coordToken logs a demo account in through the API.
func coordToken(t *testing.T, base, email string) string {
	t.Helper()
	var out struct {
		Token string `json:"token"`
	}
	coordAPI(t, "POST", base+"/api/v1/auth/login", "", map[string]string{"email": email, "password": demo.Password}, &out)
	if out.Token == "" {
		t.Fatalf("no token for %s", email)
	}
	return out.Token
}

// coordAPI sends one JSON request and decodes a 2xx answer into out.
func coordAPI(t *testing.T, method, url, token string, in, out any) {
	t.Helper()
	var body bytes.Buffer
	if in != nil {
		if err := json.NewEncoder(&body).Encode(in); err != nil {
			t.Fatal(err)
		}
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		var msg bytes.Buffer
		_, _ = msg.ReadFrom(res.Body)
		t.Fatalf("%s %s: %d %s", method, url, res.StatusCode, msg.String())
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
}
