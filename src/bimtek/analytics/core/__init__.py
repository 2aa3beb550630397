"""The cascade statistics, free of Django: trainee results per facilitator, ToT wave and module in, intervals out."""
