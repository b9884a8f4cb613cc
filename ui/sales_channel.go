package ui

import "sdelka/model"

// salesChannelOptions are the sales channels as choice labels and values,
// in model.Channels order.
func salesChannelOptions(a *App) (labels, values []string) {
	for _, c := range model.Channels {
		labels = append(labels, a.T(c.Key()))
		values = append(values, string(c))
	}
	return labels, values
}
