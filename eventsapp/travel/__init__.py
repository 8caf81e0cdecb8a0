"""Travel and accommodation: hotels, room blocks, journeys, rooming lists, arrivals."""
