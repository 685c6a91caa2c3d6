package notify

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"mutua/internal/domain"
)

// Outcomes counted by mutua_notifications_total.
const (
	statusSent   = "sent"
	statusFailed = "failed"
	statusDead   = "dead"
)

// Metrics are the outbox's figures on /metrics: what was sent, failed (to
// be retried) and died, counted by this process, and the queue as the
// database has it, read at each scrape.
type Metrics struct {
	outcomes *prometheus.CounterVec
}

// StatsReader reads the queue's state for a scrape.
type StatsReader interface {
	OutboxStats(ctx context.Context, now time.Time) (domain.OutboxStats, error)
}

// NewMetrics registers the outbox's metrics on reg.
func NewMetrics(reg prometheus.Registerer, st StatsReader) *Metrics {
	m := &Metrics{outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mutua_notifications_total",
		Help: "Notifications handled by this process: sent, failed (to be retried) or dead.",
	}, []string{"outcome"})}
	for _, o := range []string{statusSent, statusFailed, statusDead} {
		m.outcomes.WithLabelValues(o) // report zeros before the first event
	}
	reg.MustRegister(m.outcomes, &queueCollector{st: st})
	return m
}

// count adds one outcome; a nil Metrics counts nothing.
func (m *Metrics) count(outcome string) {
	if m != nil {
		m.outcomes.WithLabelValues(outcome).Inc()
	}
}

var (
	depthDesc = prometheus.NewDesc("mutua_outbox_pending",
		"Notifications due and not yet sent.", nil, nil)
	ageDesc = prometheus.NewDesc("mutua_outbox_oldest_pending_seconds",
		"How long the longest-waiting due notification has waited; 0 when none waits.", nil, nil)
	deadDesc = prometheus.NewDesc("mutua_outbox_dead",
		"Notifications that failed for good, shown to admins.", nil, nil)
)

// queueCollector reads the outbox at each scrape, so that every replica
// reports the same shared queue.
type queueCollector struct{ st StatsReader }

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- depthDesc
	ch <- ageDesc
	ch <- deadDesc
}

func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	now := time.Now()
	st, err := c.st.OutboxStats(ctx, now)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(depthDesc, err)
		return
	}
	age := 0.0
	if !st.OldestPending.IsZero() {
		age = now.Sub(st.OldestPending).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(depthDesc, prometheus.GaugeValue, float64(st.Pending))
	ch <- prometheus.MustNewConstMetric(ageDesc, prometheus.GaugeValue, age)
	ch <- prometheus.MustNewConstMetric(deadDesc, prometheus.GaugeValue, float64(st.Dead))
}
