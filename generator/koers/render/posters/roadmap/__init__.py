"""The routekaart: views, layout, placing, swim lanes and dependency routes."""
