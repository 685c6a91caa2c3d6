package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
	"mutua/internal/service"
)

type notificationPrefsOutput struct{ Body []service.NotificationPref }

type setNotificationPrefsInput struct {
	Body struct {
		Prefs map[string]string `json:"prefs" doc:"kind → immediate, digest or off; kinds left out keep their choice"`
	}
}

// registerNotificationPrefs adds the person's choice of emails.
func (a *API) registerNotificationPrefs(h huma.API) {
	secured(a, h, http.MethodGet, "/me/notifications", "get-notification-prefs",
		"Every kind of email with how you want it: immediately, in the daily digest, or not at all", 0, a.notificationPrefs)
	secured(a, h, http.MethodPut, "/me/notifications", "set-notification-prefs",
		"Choose how you want kinds of email; those that must always arrive accept only immediate", 0, a.setNotificationPrefs)
}

func (a *API) notificationPrefs(ctx context.Context, _ *struct{}) (*notificationPrefsOutput, error) {
	list, err := a.svc.MyNotificationPrefs(ctx)
	return result(ctx, a, &notificationPrefsOutput{Body: list}, err)
}

func (a *API) setNotificationPrefs(ctx context.Context, in *setNotificationPrefsInput) (*notificationPrefsOutput, error) {
	prefs := make(map[domain.NotificationKind]domain.NotifyMode, len(in.Body.Prefs))
	for k, m := range in.Body.Prefs {
		prefs[domain.NotificationKind(k)] = domain.NotifyMode(m)
	}
	if err := a.svc.SetNotificationPrefs(ctx, prefs); err != nil {
		return nil, a.fail(ctx, err)
	}
	return a.notificationPrefs(ctx, nil)
}
