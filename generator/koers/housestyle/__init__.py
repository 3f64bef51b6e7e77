"""House styles (themes/<id>/): colours, fonts, logo, design tokens and their checks."""
