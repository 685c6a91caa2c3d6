package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
	"mutua/internal/service"
)

type failedNotificationsInput struct {
	Community string `path:"c" maxLength:"40" doc:"community slug"`
	Limit     int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Offset    int    `query:"offset" minimum:"0" default:"0"`
}

type failedNotificationsOutput struct{ Body service.FailedNotifications }

type notificationIDInput struct {
	Community string `path:"c" maxLength:"40" doc:"community slug"`
	ID        int64  `path:"id"`
}

type queuedOutput struct{}

// registerNoticesAdmin adds the community admins' view of emails that
// could not be delivered, and sending one again.
func (a *API) registerNoticesAdmin(h huma.API) {
	secured(a, h, http.MethodGet, "/communities/{c}/notifications/failed", "list-failed-notifications",
		"Emails of the community that could not be delivered, newest first, with the outbox's figures (admins)", 0, a.failedNotifications)
	secured(a, h, http.MethodPost, "/communities/{c}/notifications/{id}/retry", "retry-notification",
		"Put an email that could not be delivered back in the queue, to be sent again now (admins)", http.StatusAccepted, a.retryNotification)
}

func (a *API) failedNotifications(ctx context.Context, in *failedNotificationsInput) (*failedNotificationsOutput, error) {
	out, err := a.svc.FailedNotifications(ctx, in.Community, domain.Page{Limit: in.Limit, Offset: in.Offset})
	return result(ctx, a, &failedNotificationsOutput{Body: out}, err)
}

func (a *API) retryNotification(ctx context.Context, in *notificationIDInput) (*queuedOutput, error) {
	err := a.svc.SendNotificationAgain(ctx, in.Community, in.ID)
	return result(ctx, a, &queuedOutput{}, err)
}
