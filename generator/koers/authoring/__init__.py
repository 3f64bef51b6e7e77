"""Creating content on the user's request: koers init and koers new."""
