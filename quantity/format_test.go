package quantity

import (
	"testing"

	"github.com/storyfold/storyfold"
)

func TestWritten(t *testing.T) {
	for _, tc := range []struct {
		q    storyfold.Quantity
		want string
	}{
		{storyfold.Quantity{Kind: storyfold.QuantityMoney, Value: 1.2e12, Unit: "USD"}, "$1.2 trillion"},
		{storyfold.Quantity{Kind: storyfold.QuantityMoney, Value: 3e9, Unit: "EUR"}, "€3 billion"},
		{storyfold.Quantity{Kind: storyfold.QuantityMoney, Value: 450000, Unit: "USD"}, "$450,000"},
		{storyfold.Quantity{Kind: storyfold.QuantityMoney, Value: 2.75, Unit: "USD"}, "$2.75"},
		{storyfold.Quantity{Kind: storyfold.QuantityMoney, Value: 5e6, Unit: "CHF"}, "5 million CHF"},
		{storyfold.Quantity{Kind: storyfold.QuantityDuration, Value: 5400}, "1.5 hours"},
		{storyfold.Quantity{Kind: storyfold.QuantityDuration, Value: 5400, Approx: true}, "about 1.5 hours"},
		{storyfold.Quantity{Kind: storyfold.QuantityDuration, Value: 4500, Approx: true}, "about 75 minutes"},
		{storyfold.Quantity{Kind: storyfold.QuantityDuration, Value: 3600}, "1 hour"},
		{storyfold.Quantity{Kind: storyfold.QuantityDuration, Value: 3 * year}, "3 years"},
		{storyfold.Quantity{Kind: storyfold.QuantityDuration, Value: 14 * day}, "2 weeks"},
		{storyfold.Quantity{Kind: storyfold.QuantityDuration, Value: 10 * day}, "10 days"},
		{storyfold.Quantity{Kind: storyfold.QuantityDuration, Value: 45}, "45 seconds"},
		{storyfold.Quantity{Kind: storyfold.QuantityDuration, Value: 600, Max: 900}, "10 to 15 minutes"},
		{storyfold.Quantity{Kind: storyfold.QuantityPercent, Value: 35.7}, "35.7%"},
		{storyfold.Quantity{Kind: storyfold.QuantityCount, Value: 120, Unit: "homes"}, "120 homes"},
		{storyfold.Quantity{Kind: storyfold.QuantityCount, Value: 2.5e6, Unit: "people"}, "2.5 million people"},
		{storyfold.Quantity{Kind: storyfold.QuantityCount, Value: 43885310}, "43.89 million"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := Written(tc.q); got != tc.want {
				t.Errorf("Written(%+v) = %q, want %q", tc.q, got, tc.want)
			}
		})
	}
}
