package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// offersFixture is Utrecht Oost with two named places, a member who
// offers (Anke, who also runs a food bank), another member (Mia), a
// coordinator (Cora), and a member of Ljubljana with an offer there.
type offersFixture struct {
	h                   *harness
	anke, mia, cora     *http.Cookie
	ankeCtx, coraCtx    context.Context
	oosterpark, noord   domain.Place
	foodBank            domain.Organisation
	foreignOffer        int64
	communityID, ankeID int64
}

func newOffersFixture(t *testing.T) *offersFixture {
	t.Helper()
	h := newHarness(t, service.Options{})
	f := &offersFixture{h: h,
		anke: h.register("utrecht-oost", "Anke", "anke@example.org"),
		mia:  h.register("utrecht-oost", "Mia", "mia@example.org"),
		cora: h.register("utrecht-oost", "Cora", "cora@example.org"),
	}
	ctx := t.Context()
	c, err := h.store.CommunityBySlug(ctx, "utrecht-oost")
	if err != nil {
		t.Fatal(err)
	}
	f.communityID = c.ID
	cora := deskUser(t, h, f.cora)
	if err := h.store.PutMembership(ctx, c.ID, cora.ID, domain.RoleCoordinator); err != nil {
		t.Fatal(err)
	}
	f.coraCtx = service.WithActor(ctx, cora)
	anke := deskUser(t, h, f.anke)
	f.ankeID, f.ankeCtx = anke.ID, service.WithActor(ctx, anke)
	f.oosterpark = domain.Place{CommunityID: c.ID, Name: "Oosterpark", Point: domain.Point{Lat: 52.0905, Lng: 5.1402}}
	f.noord = domain.Place{CommunityID: c.ID, Name: "Noord", Point: domain.Point{Lat: 52.105, Lng: 5.125}}
	for _, p := range []*domain.Place{&f.oosterpark, &f.noord} {
		if err := h.store.CreatePlace(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	f.foodBank, err = h.svc.ProposeOrganisation(f.ankeCtx, "utrecht-oost", domain.Organisation{Name: "Voedselbank Oost",
		Type: "ngo", Location: domain.Point{Lat: 52.09, Lng: 5.14}})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.ApproveOrganisation(ctx, c.ID, f.foodBank.ID, cora.ID); err != nil {
		t.Fatal(err)
	}
	luka := deskUser(t, h, h.register("ljubljana", "Luka", "luka@example.org"))
	foreign, err := h.svc.CreateOffer(service.WithActor(ctx, luka), "ljubljana", domain.Offer{Kind: "goods", Category: "food",
		Title: "Apples from Ljubljana", Quantity: 5, Location: domain.Point{Lat: 46.05, Lng: 14.5}})
	if err != nil {
		t.Fatal(err)
	}
	f.foreignOffer = foreign.ID
	return f
}

// offerForm is a complete offer of six meals at the Oosterpark, changed
// by edit.
func offerForm(f *offersFixture, edit func(url.Values)) url.Values {
	v := url.Values{"kind": {"goods"}, "category": {"meals"}, "title": {"Home-cooked lunches"},
		"description": {"Soup and bread"}, "quantity": {"6"}, "unit": {"meals"},
		"place": {strconv.FormatInt(f.oosterpark.ID, 10)}, "address": {"Secret lane 7"},
		"available_from": {time.Now().Format(time.DateOnly)}, "available_until": {time.Now().AddDate(0, 0, 10).Format(time.DateOnly)},
		"conditions": {"Collect at noon"}}
	if edit != nil {
		edit(v)
	}
	return v
}

// postOffer posts the form as Anke and returns the new offer's id.
func (f *offersFixture) postOffer(t *testing.T, form url.Values) int64 {
	t.Helper()
	f.h.t = t
	res := f.h.do(request{method: "POST", path: "/c/utrecht-oost/offers/new", form: form,
		cookies: []*http.Cookie{f.anke}, header: english()})
	m := regexp.MustCompile(`^/c/utrecht-oost/offers/(\d+)\?done=created$`).FindStringSubmatch(res.header.Get("Location"))
	if res.status != http.StatusSeeOther || m == nil {
		t.Fatalf("post an offer: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// vanOffer is Anke's second offer, made through the service, in the north.
func (f *offersFixture) vanOffer(t *testing.T) int64 {
	t.Helper()
	van, err := f.h.svc.CreateOffer(f.ankeCtx, "utrecht-oost", domain.Offer{Kind: "service", Category: "transport",
		Title: "Van for moving", Quantity: 1, Unit: "van", Location: f.noord.Point})
	if err != nil {
		t.Fatal(err)
	}
	return van.ID
}

// openRequest has Mia ask for help through the ask form and returns the id.
func (f *offersFixture) openRequest(t *testing.T) int64 {
	t.Helper()
	f.h.t = t
	res := f.h.do(request{method: "POST", path: "/c/utrecht-oost/ask", form: askForm(nil), cookies: []*http.Cookie{f.mia}, header: english()})
	m := regexp.MustCompile(`/requests/(\d+)$`).FindStringSubmatch(res.header.Get("Location"))
	if res.status != http.StatusSeeOther || m == nil {
		t.Fatalf("ask: %d\n%s", res.status, res.body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// foreignRequest is a request for help in Ljubljana.
func (f *offersFixture) foreignRequest(t *testing.T) int64 {
	t.Helper()
	eva := deskUser(t, f.h, f.h.register("ljubljana", "Eva", "eva.lj@example.org"))
	r, err := f.h.svc.CreateRequest(service.WithActor(t.Context(), eva), "ljubljana", domain.Request{Category: "groceries",
		Title: "Shopping in Ljubljana", NeededFrom: time.Now().Add(24 * time.Hour), NeededBy: time.Now().Add(48 * time.Hour),
		Urgency: "normal", Languages: []string{"sl"}, Location: domain.Point{Lat: 46.05, Lng: 14.5}})
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func offerPath(id int64) string { return "/c/utrecht-oost/offers/" + itoa(id) }

func TestOffersVisitorsAreSentToLogIn(t *testing.T) {
	h := newHarness(t, service.Options{})
	next := func(path string) string { return "/login?next=" + url.QueryEscape(path) }
	runScenarios(t, h, []scenario{
		{name: "the list keeps its filters", req: request{method: "GET", path: "/c/utrecht-oost/offers?kind=goods"},
			status: http.StatusSeeOther, location: next("/c/utrecht-oost/offers?kind=goods")},
		{name: "the form", req: request{method: "GET", path: "/c/utrecht-oost/offers/new"},
			status: http.StatusSeeOther, location: next("/c/utrecht-oost/offers/new")},
		{name: "a form posted after the session ended returns to the form",
			req:    request{method: "POST", path: "/c/utrecht-oost/offers/new", form: url.Values{"title": {"x"}}},
			status: http.StatusSeeOther, location: next("/c/utrecht-oost/offers/new")},
		{name: "an offer", req: request{method: "GET", path: "/c/utrecht-oost/offers/1"},
			status: http.StatusSeeOther, location: next("/c/utrecht-oost/offers/1")},
		{name: "withdrawing returns to the offer",
			req:    request{method: "POST", path: "/c/utrecht-oost/offers/1/withdraw", form: url.Values{}},
			status: http.StatusSeeOther, location: next("/c/utrecht-oost/offers/1")},
		{name: "an unknown community is a 404 first", req: request{method: "GET", path: "/c/atlantis/offers", header: english()},
			status: http.StatusNotFound, contains: []string{"We could not find this community"}},
	})
}

func TestOffersPostAndList(t *testing.T) {
	f := newOffersFixture(t)
	meals := f.postOffer(t, offerForm(f, nil))
	f.vanOffer(t)
	mia := []*http.Cookie{f.mia}
	list := "/c/utrecht-oost/offers"
	near := "near=" + itoa(f.oosterpark.ID) + "&radius_km=1"
	runScenarios(t, f.h, []scenario{
		{name: "a member lists every offer, newest first, with no address",
			req: request{method: "GET", path: list, cookies: mia, header: english()}, status: http.StatusOK,
			contains: []string{"<h1>Offers</h1>", `href="/c/utrecht-oost/offers/new"`, "Offer something",
				`href="` + offerPath(meals) + `"`, "Home-cooked lunches", "Goods · Meals", "6 of 6 meals left",
				"near Oosterpark", "Van for moving", "Service · Transport", "near Noord", "A member of the community",
				`aria-current="page">Offers`, `<option value="` + itoa(f.oosterpark.ID) + `" lang="">Oosterpark</option>`},
			absent: []string{"Secret lane", "52.0905"},
			check: func(t *testing.T, _ *harness, res response) {
				checkPage(t, res)
				if strings.Index(res.body, "Van for moving") > strings.Index(res.body, "Home-cooked lunches") {
					t.Error("the newer offer is not listed first")
				}
			}},
		{name: "filter by kind", req: request{method: "GET", path: list + "?kind=service", cookies: mia, header: english()},
			status: http.StatusOK, contains: []string{"Van for moving", `<option value="service" lang="" selected>Service</option>`},
			absent: []string{"Home-cooked lunches"}},
		{name: "filter by category and text",
			req:    request{method: "GET", path: list + "?category=meals&q=LUNCH", cookies: mia, header: english()},
			status: http.StatusOK, contains: []string{"Home-cooked lunches", `value="LUNCH"`}, absent: []string{"Van for moving"}},
		{name: "near a place, with the distance",
			req:    request{method: "GET", path: list + "?" + near, cookies: mia, header: english()},
			status: http.StatusOK, contains: []string{"Home-cooked lunches", "km away"}, absent: []string{"Van for moving"}},
		{name: "nothing matches", req: request{method: "GET", path: list + "?q=piano", cookies: mia, header: english()},
			status: http.StatusOK, contains: []string{"No offer matches these filters."}},
		{name: "an unknown kind is a friendly message",
			req:      request{method: "GET", path: list + "?kind=dragons", cookies: mia, header: english()},
			status:   http.StatusUnprocessableEntity,
			contains: []string{"One of the filters cannot be used", "Please choose a kind from the list.", `href="#f-kind"`},
			absent:   []string{"Home-cooked lunches"}},
		{name: "an unknown place and a radius that is no number",
			req:      request{method: "GET", path: list + "?near=99999&radius_km=far", cookies: mia, header: english()},
			status:   http.StatusUnprocessableEntity,
			contains: []string{"Please choose one of the places in the list.", "Please choose a distance from the list."}},
		{name: "a radius out of range",
			req:    request{method: "GET", path: list + "?near=" + itoa(f.oosterpark.ID) + "&radius_km=500", cookies: mia, header: english()},
			status: http.StatusUnprocessableEntity, contains: []string{"Please choose a distance from the list."}},
		{name: "someone of another community is told to join",
			setup: func(h *harness) []*http.Cookie {
				return []*http.Cookie{h.register("ljubljana", "Eva", "eva@example.org")}
			},
			req:    request{method: "GET", path: list, header: english()},
			status: http.StatusForbidden, contains: []string{"You are not a member of Utrecht Oost yet."}},
	})
}

func TestOffersFormShowsOrganisationsAndKeepsAnswers(t *testing.T) {
	f := newOffersFixture(t)
	path := "/c/utrecht-oost/offers/new"
	post := func(edit func(url.Values)) request {
		return request{method: "POST", path: path, form: offerForm(f, edit), cookies: []*http.Cookie{f.anke}, header: english()}
	}
	runScenarios(t, f.h, []scenario{
		{name: "the form, with the organisation Anke runs",
			req: request{method: "GET", path: path, cookies: []*http.Cookie{f.anke}, header: english()}, status: http.StatusOK,
			contains: []string{"<h1>Offer something</h1>", `action="/c/utrecht-oost/offers/new"`, `name="organisation_id"`,
				"Voedselbank Oost", `name="kind"`, `name="category"`, "Equipment and tools", `name="quantity"`, `name="unit"`,
				`name="place"`, `name="address"`, `name="available_from" type="date" value="`, `name="available_until"`,
				`name="conditions"`, `aria-current="page">Offer something`},
			check: func(t *testing.T, _ *harness, res response) { checkPage(t, res) }},
		{name: "Mia runs no organisation and gets no choice",
			req:    request{method: "GET", path: path, cookies: []*http.Cookie{f.mia}, header: english()},
			status: http.StatusOK, absent: []string{`name="organisation_id"`}},
		{name: "bad input comes back with every error next to its field",
			req: post(func(v url.Values) {
				v.Set("kind", "")
				v.Set("title", "")
				v.Set("quantity", "many")
				v.Set("available_until", "soon")
				v.Set("place", "")
			}),
			status: http.StatusUnprocessableEntity,
			contains: []string{"Please choose a kind from the list.", "Please give a title of 1 to 120 characters.",
				"Please enter a whole number, such as 3.", "Please write the date as YYYY-MM-DD.", "Choose a place or put a pin on the map.",
				`id="f-title-error"`, `id="f-quantity-error"`, `value="many"`, `value="soon"`, "Secret lane 7", "Soup and bread"}},
		{name: "a quantity of zero and an end before the start",
			req: post(func(v url.Values) {
				v.Set("quantity", "0")
				v.Set("available_until", time.Now().AddDate(0, 0, -3).Format(time.DateOnly))
			}),
			status:   http.StatusUnprocessableEntity,
			contains: []string{"Please enter a whole number of at least 1.", "The last day cannot be before the first day."}},
		{name: "an organisation Anke does not run",
			req:      post(func(v url.Values) { v.Set("organisation_id", "424242") }),
			status:   http.StatusUnprocessableEntity,
			contains: []string{"Please choose one of your organisations."}},
		{name: "a pin outside the community's area",
			req: post(func(v url.Values) {
				v.Set("place", "pin")
				v.Set("lat", "46.05")
				v.Set("lon", "14.5")
			}),
			status: http.StatusUnprocessableEntity, contains: []string{"This place is outside the community&#39;s area."}},
	})
	t.Run("on behalf of the organisation", func(t *testing.T) {
		id := f.postOffer(t, offerForm(f, func(v url.Values) { v.Set("organisation_id", itoa(f.foodBank.ID)) }))
		res := f.h.do(request{method: "GET", path: offerPath(id), cookies: []*http.Cookie{f.mia}, header: english()})
		if res.status != http.StatusOK || !strings.Contains(res.body, "Voedselbank Oost") {
			t.Errorf("the offer does not name the organisation: %d\n%s", res.status, res.body)
		}
	})
}

func TestOffersDetailShowsPrivateDetailsToTheOffererOnly(t *testing.T) {
	f := newOffersFixture(t)
	id := f.postOffer(t, offerForm(f, nil))
	runScenarios(t, f.h, []scenario{
		{name: "the offerer sees the address and may withdraw",
			req:    request{method: "GET", path: offerPath(id) + "?done=created", cookies: []*http.Cookie{f.anke}, header: english()},
			status: http.StatusOK,
			contains: []string{"<h1>Home-cooked lunches</h1>", "Your offer is listed now.", "Secret lane 7", "Collect at noon",
				"Soup and bread", "6 of 6 meals left", "near Oosterpark", "<dd>You</dd>",
				`action="/c/utrecht-oost/offers/` + itoa(id) + `/withdraw"`, "Withdraw this offer"},
			absent: []string{"Link a help request"},
			check:  func(t *testing.T, _ *harness, res response) { checkPage(t, res) }},
		{name: "another member sees neither the address nor the withdraw button",
			req:      request{method: "GET", path: offerPath(id), cookies: []*http.Cookie{f.mia}, header: english()},
			status:   http.StatusOK,
			contains: []string{"<h1>Home-cooked lunches</h1>", "near Oosterpark", "A member of the community"},
			absent:   []string{"Secret lane", "/withdraw", "Withdraw this offer", "Anke", "Link a help request"}},
		{name: "the coordinator sees the address and who offers",
			req:      request{method: "GET", path: offerPath(id), cookies: []*http.Cookie{f.cora}, header: english()},
			status:   http.StatusOK,
			contains: []string{"Secret lane 7", "<dd>Anke</dd>", "Link a help request", "No request is linked to this offer yet."}},
		{name: "another community's offer is a friendly 404",
			req:      request{method: "GET", path: offerPath(f.foreignOffer), cookies: []*http.Cookie{f.mia}, header: english()},
			status:   http.StatusNotFound,
			contains: []string{"Page not found", "We could not find this offer."}, absent: []string{"Apples"}},
		{name: "an unknown id is a friendly 404",
			req:    request{method: "GET", path: "/c/utrecht-oost/offers/999999", cookies: []*http.Cookie{f.mia}, header: english()},
			status: http.StatusNotFound, contains: []string{"We could not find this offer."}},
		{name: "an id that is no number is a friendly 404",
			req:    request{method: "GET", path: "/c/utrecht-oost/offers/abc", cookies: []*http.Cookie{f.mia}, header: english()},
			status: http.StatusNotFound, contains: []string{"Page not found"}},
	})
}

func TestOffersWithdrawIsForTheOffererOnly(t *testing.T) {
	f := newOffersFixture(t)
	id := f.postOffer(t, offerForm(f, nil))
	withdraw := func(c *http.Cookie) request {
		return request{method: "POST", path: offerPath(id) + "/withdraw", form: url.Values{}, cookies: []*http.Cookie{c}, header: english()}
	}
	runScenarios(t, f.h, []scenario{
		{name: "another member may not", req: withdraw(f.mia), status: http.StatusForbidden,
			contains: []string{"Sorry, you are not allowed to do this."}},
		{name: "the offerer may", req: withdraw(f.anke), status: http.StatusSeeOther, location: offerPath(id) + "?done=withdrawn"},
		{name: "the offer says so", req: request{method: "GET", path: offerPath(id) + "?done=withdrawn", cookies: []*http.Cookie{f.anke}, header: english()},
			status:   http.StatusOK,
			contains: []string{"The offer is withdrawn.", "This offer has been withdrawn."}, absent: []string{"/withdraw"}},
		{name: "twice is a friendly conflict", req: withdraw(f.anke), status: http.StatusConflict,
			contains: []string{"This offer has been withdrawn, so nothing more can be reserved from it."}},
		{name: "others no longer find it", req: request{method: "GET", path: offerPath(id), cookies: []*http.Cookie{f.mia}, header: english()},
			status: http.StatusNotFound},
		{name: "nor does the list", req: request{method: "GET", path: "/c/utrecht-oost/offers", cookies: []*http.Cookie{f.mia}, header: english()},
			status: http.StatusOK, absent: []string{"Home-cooked lunches"}},
		{name: "the coordinator gets no link form",
			req:    request{method: "GET", path: offerPath(id), cookies: []*http.Cookie{f.cora}, header: english()},
			status: http.StatusOK, contains: []string{"This offer has been withdrawn."}, absent: []string{"Link a help request"}},
		{name: "and linking a withdrawn offer is a friendly conflict",
			req: request{method: "POST", path: offerPath(id) + "/links", cookies: []*http.Cookie{f.cora}, header: english(),
				form: url.Values{"request_id": {itoa(f.openRequest(t))}, "quantity": {"1"}}},
			status: http.StatusConflict, contains: []string{"This offer has been withdrawn, so nothing more can be reserved from it."}},
	})
}

func TestOffersCoordinatorLinksAndUnlinks(t *testing.T) {
	f := newOffersFixture(t)
	id := f.postOffer(t, offerForm(f, nil))
	reqID := f.openRequest(t)
	cora := []*http.Cookie{f.cora}
	link := func(form url.Values, c []*http.Cookie) request {
		return request{method: "POST", path: offerPath(id) + "/links", form: form, cookies: c, header: english()}
	}
	page := request{method: "GET", path: offerPath(id), cookies: cora, header: english()}
	runScenarios(t, f.h, []scenario{
		{name: "the coordinator can choose the open request, without its address",
			req: page, status: http.StatusOK,
			contains: []string{`<option value="` + itoa(reqID) + `" lang="">Shopping at the market (Groceries,`, `name="quantity"`},
			absent:   []string{"Secret lane 7\u00a0"}},
		{name: "a member may not link", req: link(url.Values{"request_id": {itoa(reqID)}, "quantity": {"2"}}, []*http.Cookie{f.mia}),
			status: http.StatusForbidden},
		{name: "more than is left is a friendly error next to the form",
			req:    link(url.Values{"request_id": {itoa(reqID)}, "quantity": {"7"}}, cora),
			status: http.StatusConflict,
			contains: []string{"The offer has fewer units free than you asked for.", `id="f-quantity-error"`,
				"There are fewer units free than this.", `value="7"`, "6 of 6 meals left"}},
		{name: "a quantity that is no number",
			req:    link(url.Values{"request_id": {itoa(reqID)}, "quantity": {"two"}}, cora),
			status: http.StatusUnprocessableEntity, contains: []string{"Please enter a whole number, such as 3."}},
		{name: "no request chosen", req: link(url.Values{"request_id": {""}, "quantity": {"1"}}, cora),
			status: http.StatusUnprocessableEntity, contains: []string{"Please choose a request."}},
		{name: "a request that does not exist here",
			req:    link(url.Values{"request_id": {"999999"}, "quantity": {"1"}}, cora),
			status: http.StatusUnprocessableEntity, contains: []string{"Please choose one of the open requests in the list."}},
		{name: "a request of another community",
			req:    link(url.Values{"request_id": {itoa(f.foreignRequest(t))}, "quantity": {"1"}}, cora),
			status: http.StatusUnprocessableEntity, contains: []string{"Please choose one of the open requests in the list."}},
		{name: "linking reserves", req: link(url.Values{"request_id": {itoa(reqID)}, "quantity": {"2"}}, cora),
			status: http.StatusSeeOther, location: offerPath(id) + "?done=linked"},
		{name: "the quantity left drops and the link is listed",
			req:    request{method: "GET", path: offerPath(id) + "?done=linked", cookies: cora, header: english()},
			status: http.StatusOK,
			contains: []string{"4 of 6 meals left", "The request is linked", "Reserved: 2", "Shopping at the market",
				"Cancel the link to “Shopping at the market”"},
			absent: []string{`<option value="` + itoa(reqID) + `"`}},
		{name: "the list shows it too",
			req:    request{method: "GET", path: "/c/utrecht-oost/offers", cookies: []*http.Cookie{f.mia}, header: english()},
			status: http.StatusOK, contains: []string{"4 of 6 meals left"}},
		{name: "the same request twice is a friendly conflict",
			req:    link(url.Values{"request_id": {itoa(reqID)}, "quantity": {"1"}}, cora),
			status: http.StatusConflict, contains: []string{"This request is linked to the offer already."}},
	})
	links, err := f.h.store.OfferLinks(t.Context(), f.communityID, id)
	if err != nil || len(links) != 1 {
		t.Fatalf("links: %v %v", links, err)
	}
	unlink := request{method: "POST", path: offerPath(id) + "/links/" + itoa(links[0].ID) + "/delete", form: url.Values{}, cookies: cora, header: english()}
	runScenarios(t, f.h, []scenario{
		{name: "a member may not unlink", req: request{method: "POST", path: unlink.path, form: url.Values{}, cookies: []*http.Cookie{f.mia}, header: english()},
			status: http.StatusForbidden},
		{name: "unlinking", req: unlink, status: http.StatusSeeOther, location: offerPath(id) + "?done=unlinked"},
		{name: "restores the quantity", req: page, status: http.StatusOK,
			contains: []string{"6 of 6 meals left", "cancelled", `<option value="` + itoa(reqID) + `"`}},
		{name: "twice is a friendly conflict", req: unlink, status: http.StatusConflict,
			contains: []string{"This link was cancelled already."}},
		{name: "a link that does not exist", req: request{method: "POST", path: offerPath(id) + "/links/999999/delete", form: url.Values{}, cookies: cora, header: english()},
			status: http.StatusNotFound},
	})
}
