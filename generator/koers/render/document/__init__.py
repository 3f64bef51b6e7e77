"""The written strategy (A4 PDF) and its page budget."""
