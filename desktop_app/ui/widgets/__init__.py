"""Small widgets and helpers more than one feature uses."""
