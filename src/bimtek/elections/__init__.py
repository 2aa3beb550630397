"""Elections (Pemilu, Pilkada) with their staffing norms and their own TPS."""
