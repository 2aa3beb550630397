"""Background jobs with progress that both the web page and the command line show."""
