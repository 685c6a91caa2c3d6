// Package match is mutua's matching engine. Given a request for help and
// the volunteers a spatial query found near it, it drops those who cannot
// help (the hard filters), scores the rest and explains every place in the
// ranking with reasons that the UI translates. Feed answers the reverse
// question: which open requests fit one volunteer.
//
// Everything here is a pure function of its arguments; the service loads
// the candidates through the geo index and the store, match only decides.
//
// # Hard filters
//
// A volunteer is a candidate for a request only if all of these hold (Check
// names the first that fails):
//
//   - they have not declined this request (Request.Declined);
//   - they have room: Active < MaxActive, so MaxActive 0 means "paused";
//   - they are vetted when the community requires it for the category;
//   - one of their skills is the request's category (case, spaces and
//     dashes aside, so a free tag "Digital help" fits "digital_help");
//   - they speak one of the request's languages, comparing only the
//     primary subtag ("sl-SI" speaks "sl"); no languages means any;
//   - the request is within their own radius of their home (whether it is
//     inside the community's area is checked when the request is made);
//   - their weekly availability overlaps the request's windows by at least
//     a minute; a request without windows can be done at any time and
//     passes everyone, while a volunteer without availability passes only
//     such requests.
//
// # Score
//
// The candidates left are ranked by
//
//	score  = 0.40·near + 0.25·avail + 0.20·fair + 0.15·record
//
//	near   = 1 / (1 + d / 2 km)
//	avail  = min(1, overlap / min(window, 180 min))
//	fair   = 1 / (1 + recent)
//	record = (completed + 1) / (completed + declined + 2)
//
// where d is the distance from the volunteer's home to the request, overlap
// the minutes per week both are free, window the minutes of the request's
// windows, recent the volunteer's assignments in the last 30 days, and
// completed and declined their tasks ever completed and declined (or
// withdrawn). Every part lies in [0, 1] and the weights add up to 1, so the
// score does too. A request without windows counts avail as 1.
//
// Why these shapes:
//
//   - near falls with absolute distance, not with the share of the
//     volunteer's radius used, so a neighbour 1 km away always outranks an
//     equal volunteer 9 km away who is willing to drive 50; it halves at
//     2 km, the scale of a walk to the shops.
//   - avail saturates at 3 hours (enough for most tasks, travel included),
//     so that being free all week does not beat being free exactly when
//     needed; otherwise the same few very available people would win every
//     long window.
//   - fair gives the biggest step between 0 and 1 recent task: a volunteer
//     who has had nothing this month gets asked first.
//   - record is the completion rate with one success and one failure
//     assumed (Laplace's rule), so newcomers start at 0.5 instead of being
//     judged on one task.
//
// Ties are broken by distance, then by the lower user id, so a ranking is
// deterministic. Scores and distances are rounded (to 0.001 and 0.1 km) in
// the results only; sorting uses the exact values.
//
// # Searching outward
//
// Because near only falls with distance, ScoreBound caps what anyone
// beyond a given distance can score, and Complete tells the service when
// the volunteers found so far already settle the top of the ranking. Feed
// needs no such help: it orders by distance alone, so the first requests
// found within a circle are final.
package match
