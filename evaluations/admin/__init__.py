"""Admin of the evaluations app, one module per area (questionnaires, periods, submissions, reminders)."""
