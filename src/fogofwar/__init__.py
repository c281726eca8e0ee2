"""fogofwar: conflict reporting in, sourced, geolocated, time-normalised evidence out."""

__version__ = "0.1.0"
