"""'Strategie in één beeld': header, hero, opgaven cards, themes and timeline."""
