package main

import (
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"mutua/internal/config"
	"mutua/internal/i18n"
	"mutua/internal/mail"
	"mutua/internal/notify"
	"mutua/internal/store"
)

// newDispatcher sets up the sending of the outbox: over SMTP when a server
// is configured, else to the log, which it says at startup so that nobody
// waits for emails that cannot come.
func newDispatcher(st *store.Store, cfg config.Config, log *slog.Logger, reg prometheus.Registerer) (*notify.Dispatcher, error) {
	mc := cfg.Mail()
	sender, err := mail.New(mc, log)
	if err != nil {
		return nil, err
	}
	if mc.Enabled() {
		log.Info("emails are sent over SMTP", "host", mc.Host, "port", mc.Port, "tls", mc.TLS, "from", mc.From)
	} else {
		log.Warn("no SMTP server is configured (-smtp-host, MUTUA_SMTP_HOST): emails are written to the log instead")
	}
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	d := notify.NewDispatcher(st, sender, notify.Renderer{Catalog: cat, BaseURL: cfg.BaseURL()}, log)
	d.Lease = cfg.OutboxLease
	d.Metrics = notify.NewMetrics(reg, st)
	return d, nil
}
