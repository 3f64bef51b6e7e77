"""The SVG posters: shared parts, the overview poster, the routekaart and the social images."""
