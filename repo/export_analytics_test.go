package repo

import "time"

// SetDashTrace lets tests time the dashboard's steps.
func SetDashTrace(f func(time.Duration)) { dashTrace = f }
