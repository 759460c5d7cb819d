package inventory

import "testing"

func TestAddTake(t *testing.T) {
	inv := New()
	inv.Add("bolt-m6", 10)
	left, err := inv.Take("bolt-m6", 4)
	if err != nil || left != 6 {
		t.Fatalf("Take = %d, %v; want 6, nil", left, err)
	}
	if _, err := inv.Take("bolt-m6", 7); err != ErrInsufficient {
		t.Fatalf("Take beyond stock = %v; want ErrInsufficient", err)
	}
}
