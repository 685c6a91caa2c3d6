package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"mutua/internal/httpx"
	"mutua/internal/service"
)

// Offering, the task page and its actions, and who may see a task.

func TestOffering(t *testing.T) {
	f := newVolunteerFixture(t)
	h := f.h
	offer := fmt.Sprintf("/c/utrecht-oost/requests/%d/offer", f.request.ID)
	var task string
	runScenarios(t, h, []scenario{
		{name: "a visitor is sent to log in and back to the feed",
			req:    request{method: "POST", path: offer, form: url.Values{}},
			status: http.StatusSeeOther, location: "/login?next=%2Fc%2Futrecht-oost%2Ffeed"},
		{name: "a request id that is not a number is a 404",
			req:    request{method: "POST", path: "/c/utrecht-oost/requests/abc/offer", form: url.Values{}, cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusNotFound, contains: []string{"Page not found"}},
		{name: "an unknown request is a friendly 404",
			req:    request{method: "POST", path: "/c/utrecht-oost/requests/999999/offer", form: url.Values{}, cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusNotFound, contains: []string{"We could not find this request."}},
		{name: "without a profile, offering says to fill one in",
			req:    request{method: "POST", path: offer, form: url.Values{}, cookies: []*http.Cookie{f.asker}, header: english()},
			status: http.StatusUnprocessableEntity, contains: []string{"First fill in your volunteer profile"}},
		{name: "nobody offers to help with their own request",
			setup: func(h *harness) []*http.Cookie {
				if _, err := h.svc.PutMyVolunteer(f.askerCtx, "utrecht-oost", volunteerProfile()); err != nil {
					t.Fatal(err)
				}
				return []*http.Cookie{f.asker}
			},
			req:    request{method: "POST", path: offer, form: url.Values{}, header: english()},
			status: http.StatusForbidden, contains: []string{"This is your own request"}},
		{name: "one click offers and leads to the task",
			req:    request{method: "POST", path: offer, form: url.Values{}, cookies: []*http.Cookie{f.helper}},
			status: http.StatusSeeOther,
			check: func(t *testing.T, h *harness, res response) {
				task = res.header.Get("Location")
				if !strings.HasPrefix(task, "/c/utrecht-oost/tasks/") || !strings.HasSuffix(task, "?notice=offered") {
					t.Fatalf("offer leads to %q", task)
				}
			}},
		{name: "the task says a coordinator will confirm, and shows no address yet",
			req:      request{method: "GET", path: "/c/utrecht-oost/feed", cookies: []*http.Cookie{f.helper}, header: english()},
			status:   http.StatusOK,
			contains: []string{"You have offered to help: open your task"},
			absent:   []string{"Offer to help</button>"}},
		{name: "offering twice is refused kindly",
			req:    request{method: "POST", path: offer, form: url.Values{}, cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusConflict, contains: []string{"This has changed in the meantime"}},
	})
	h.t = t
	res := h.do(request{method: "GET", path: task, cookies: []*http.Cookie{f.helper}, header: english()})
	checkPage(t, res)
	for _, want := range []string{"Thank you for your offer! A coordinator will look at it", "Status: waiting for a coordinator",
		"You will see the address once a coordinator has confirmed that you help.", "I cannot help after all"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("task page after offering lacks %q", want)
		}
	}
	if strings.Contains(res.body, "Secret street") {
		t.Error("the address shows before the offer is approved")
	}
}

func TestTaskPageAccess(t *testing.T) {
	f := newVolunteerFixture(t)
	h := f.h
	as := f.propose(t, "Lift to the doctor", "Hidden lane 7")
	path := taskPath(as.ID)
	runScenarios(t, h, []scenario{
		{name: "visitors are sent to log in and back",
			req:    request{method: "GET", path: path},
			status: http.StatusSeeOther, location: "/login?next=" + url.QueryEscape(path)},
		{name: "the volunteer sees the proposal, without the address until they accept",
			req:    request{method: "GET", path: path, cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusOK,
			contains: []string{"<h1>Lift to the doctor</h1>", "Status: waiting for your answer", "Yes, I will help", "No, I cannot",
				path + "/accept", "No messages yet."},
			absent: []string{"Hidden lane 7"}},
		{name: "another volunteer gets a friendly 404 and never the address",
			req:      request{method: "GET", path: path, cookies: []*http.Cookie{f.other}, header: english()},
			status:   http.StatusNotFound,
			contains: []string{"This task belongs to someone else."},
			absent:   []string{"Hidden lane 7", "Lift to the doctor"}},
		{name: "another volunteer cannot post in the thread",
			req:    request{method: "POST", path: path + "/messages", form: url.Values{"body": {"hello"}}, cookies: []*http.Cookie{f.other}, header: english()},
			status: http.StatusNotFound, contains: []string{"This task belongs to someone else."}},
		{name: "another volunteer cannot accept it",
			req:    request{method: "POST", path: path + "/accept", form: url.Values{}, cookies: []*http.Cookie{f.other}, header: english()},
			status: http.StatusForbidden, contains: []string{"This task belongs to someone else, so you cannot change it."}},
		{name: "the person who asked sees the volunteer and their own address",
			req:      request{method: "GET", path: path, cookies: []*http.Cookie{f.asker}, header: english()},
			status:   http.StatusOK,
			contains: []string{"Volunteer", "Henk", "Hidden lane 7"},
			absent:   []string{"Yes, I will help", `aria-label="Volunteering"`}},
		{name: "a task id that is not a number is a 404",
			req:    request{method: "GET", path: "/c/utrecht-oost/tasks/x1", cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusNotFound},
		{name: "an unknown task is a friendly 404",
			req:    request{method: "GET", path: "/c/utrecht-oost/tasks/999999", cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusNotFound, contains: []string{"We could not find this task."}},
		{name: "a task is not found through another community",
			req:    request{method: "GET", path: fmt.Sprintf("/c/ljubljana/tasks/%d", as.ID), cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusForbidden, contains: []string{"You are not a member of this community yet."},
			absent: []string{"Hidden lane 7"}},
		{name: "completing a task that was never accepted is refused",
			req:    request{method: "POST", path: path + "/complete", form: url.Values{"hours": {"1"}}, cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusConflict, contains: []string{"This has changed in the meantime"}},
		{name: "an unknown action is a 404",
			req:    request{method: "POST", path: path + "/explode", form: url.Values{}, cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusNotFound},
	})
}

func TestAcceptMessageAndComplete(t *testing.T) {
	f := newVolunteerFixture(t)
	h := f.h
	as := f.propose(t, "Lift to the doctor", "Hidden lane 7")
	path := taskPath(as.ID)
	me := []*http.Cookie{f.helper}
	runScenarios(t, h, []scenario{
		{name: "the list groups the proposal under what needs an answer",
			req:      request{method: "GET", path: "/c/utrecht-oost/tasks", cookies: me, header: english()},
			status:   http.StatusOK,
			contains: []string{"<h1>My tasks</h1>", "Asked of you", "Lift to the doctor", path + "/accept", `name="back" value="list"`}},
		{name: "accepting, even on the list, leads to the task with the address",
			req:    request{method: "POST", path: path + "/accept", form: url.Values{"back": {"list"}}, cookies: me},
			status: http.StatusSeeOther, location: path + "?notice=accepted"},
		{name: "after accepting the address and the contact are there",
			req:      request{method: "GET", path: path + "?notice=accepted", cookies: me, header: english()},
			status:   http.StatusOK,
			contains: []string{"Thank you for saying yes!", "Hidden lane 7", "Anke", "anke@example.org", "Hours you spent", "I cannot help after all"},
			absent:   []string{"Yes, I will help"}},
		{name: "accepting twice is a conflict, kindly worded",
			req:    request{method: "POST", path: path + "/accept", form: url.Values{}, cookies: me, header: english()},
			status: http.StatusConflict, contains: []string{"This has changed in the meantime"}},
		{name: "an empty message comes back with the problem next to the box",
			req:    request{method: "POST", path: path + "/messages", form: url.Values{"body": {"   "}}, cookies: me, header: english()},
			status: http.StatusUnprocessableEntity,
			contains: []string{`<p class="field-error" id="f-body-error">`, "Please write a message, of at most 4000 characters.",
				`aria-invalid="true" aria-describedby="f-body-error"`}},
		{name: "a message is sent and the thread shows it",
			req:    request{method: "POST", path: path + "/messages", form: url.Values{"body": {"I can come at 9 <b>sharp</b>."}}, cookies: me},
			status: http.StatusSeeOther, location: path + "?notice=sent#messages"},
		{name: "the asker reads the message, escaped",
			req:    request{method: "GET", path: path, cookies: []*http.Cookie{f.asker}, header: english()},
			status: http.StatusOK, contains: []string{"Henk", "I can come at 9 &lt;b&gt;sharp&lt;/b&gt;."}},
		{name: "hours left empty",
			req:      request{method: "POST", path: path + "/complete", form: url.Values{"hours": {""}}, cookies: me, header: english()},
			status:   http.StatusUnprocessableEntity,
			contains: []string{`<a href="#f-hours">Please enter the hours you spent.</a>`, `id="f-hours-error"`}},
		{name: "hours that are not a number keep what was typed",
			req:      request{method: "POST", path: path + "/complete", form: url.Values{"hours": {"two"}}, cookies: me, header: english()},
			status:   http.StatusUnprocessableEntity,
			contains: []string{"Please enter a number, for example 1.5.", `value="two"`, `aria-invalid="true"`}},
		{name: "too many hours, sent from the list, come back on the list",
			req:    request{method: "POST", path: path + "/complete", form: url.Values{"hours": {"30"}, "back": {"list"}}, cookies: me, header: english()},
			status: http.StatusUnprocessableEntity,
			contains: []string{"<h1>My tasks</h1>", fmt.Sprintf(`<a href="#f-hours-%d">`, as.ID), "more than 0, and at most 24",
				fmt.Sprintf(`id="f-hours-%d-error"`, as.ID), `value="30"`}},
		{name: "hours with a decimal comma complete the task",
			req:    request{method: "POST", path: path + "/complete", form: url.Values{"hours": {"1,5"}, "back": {"list"}}, cookies: me},
			status: http.StatusSeeOther, location: "/c/utrecht-oost/tasks?notice=completed"},
		{name: "the list shows it done",
			req:      request{method: "GET", path: "/c/utrecht-oost/tasks?notice=completed", cookies: me, header: english()},
			status:   http.StatusOK,
			contains: []string{"Well done, and thank you!", "<h2 id=\"tasks-completed\">Done</h2>", "Status: done"},
			absent:   []string{"Hours you spent"}},
	})
}

func TestDecliningAndApproving(t *testing.T) {
	f := newVolunteerFixture(t)
	h := f.h
	as := f.propose(t, "Walk the dog", "Bark street 3")
	offered, err := h.svc.Offer(f.helperCtx, "utrecht-oost", f.request.ID)
	if err != nil {
		t.Fatal(err)
	}
	runScenarios(t, h, []scenario{
		{name: "declining from the list returns to it",
			req:    request{method: "POST", path: taskPath(as.ID) + "/decline", form: url.Values{"back": {"list"}}, cookies: []*http.Cookie{f.helper}},
			status: http.StatusSeeOther, location: "/c/utrecht-oost/tasks?notice=declined"},
		{name: "the list says so and shows the task as ended",
			req:      request{method: "GET", path: "/c/utrecht-oost/tasks?notice=declined", cookies: []*http.Cookie{f.helper}, header: english()},
			status:   http.StatusOK,
			contains: []string{"The request is open again for someone else.", "Ended", "Status: declined", "Your offers"}},
		{name: "a coordinator sees the offer with an approve button",
			req:    request{method: "GET", path: taskPath(offered.ID), cookies: []*http.Cookie{opCookie(t, h)}, header: english()},
			status: http.StatusOK, contains: []string{"Approve this offer", "Henk", "Secret street 1"}},
		{name: "a volunteer cannot approve their own offer",
			req:    request{method: "POST", path: taskPath(offered.ID) + "/approve", form: url.Values{}, cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusForbidden},
		{name: "the coordinator approves",
			req:    request{method: "POST", path: taskPath(offered.ID) + "/approve", form: url.Values{}, cookies: []*http.Cookie{opCookie(t, h)}},
			status: http.StatusSeeOther, location: taskPath(offered.ID) + "?notice=approved"},
		{name: "and now the volunteer sees the address",
			req:    request{method: "GET", path: taskPath(offered.ID), cookies: []*http.Cookie{f.helper}, header: english()},
			status: http.StatusOK, contains: []string{"Secret street 1", "Status: agreed, to do"}},
	})
}

// opCookie logs the fixture's operator in through the login page.
func opCookie(t *testing.T, h *harness) *http.Cookie {
	t.Helper()
	res := h.do(request{method: "POST", path: "/login", form: url.Values{"email": {"op@example.org"}, "password": {testPassword}}})
	c := res.cookie(httpx.SessionCookie)
	if c == nil {
		t.Fatalf("operator login: %d", res.status)
	}
	return c
}

func TestTasksWithoutProfile(t *testing.T) {
	h := newHarness(t, service.Options{})
	c := h.register("utrecht-oost", "Nora", "nora@example.org")
	res := h.do(request{method: "GET", path: "/c/utrecht-oost/tasks", cookies: []*http.Cookie{c}, header: english()})
	checkPage(t, res)
	if res.status != http.StatusOK || !strings.Contains(res.body, "No tasks yet") || !strings.Contains(res.body, `href="/c/utrecht-oost/feed"`) {
		t.Errorf("tasks of a new member: %d\n%s", res.status, res.body)
	}
	outsider := h.register("ljubljana", "Luka", "luka@example.org")
	res = h.do(request{method: "GET", path: "/c/utrecht-oost/tasks", cookies: []*http.Cookie{outsider}, header: english()})
	if res.status != http.StatusForbidden || !strings.Contains(res.body, "You are not a member of this community yet.") {
		t.Errorf("tasks of a non-member: %d", res.status)
	}
}

func TestThreadIsPagedNewestLast(t *testing.T) {
	f := newVolunteerFixture(t)
	as := f.propose(t, "Lift to the doctor", "Hidden lane 7")
	for i := 1; i <= 21; i++ {
		if _, err := f.h.svc.PostMessage(f.helperCtx, "utrecht-oost", as.ID, fmt.Sprintf("message number %d.", i)); err != nil {
			t.Fatal(err)
		}
	}
	page := f.h.do(request{method: "GET", path: taskPath(as.ID), cookies: []*http.Cookie{f.asker}, header: english()})
	checkPage(t, page)
	first, last := strings.Index(page.body, "message number 2."), strings.Index(page.body, "message number 21.")
	if first < 0 || last < first || strings.Contains(page.body, "message number 1.") {
		t.Fatalf("the first page of the thread is not messages 2 to 21, oldest first")
	}
	older := regexp.MustCompile(`href="([^"]*\?before=\d+#messages)">Show older messages`).FindStringSubmatch(page.body)
	if older == nil {
		t.Fatal("no link to the older messages")
	}
	back := f.h.do(request{method: "GET", path: strings.ReplaceAll(strings.TrimSuffix(older[1], "#messages"), "&amp;", "&"),
		cookies: []*http.Cookie{f.asker}, header: english()})
	if !strings.Contains(back.body, "message number 1.") || strings.Contains(back.body, "message number 2.") ||
		!strings.Contains(back.body, "Show the newest messages") {
		t.Errorf("the older page of the thread:\n%s", back.body)
	}
}
