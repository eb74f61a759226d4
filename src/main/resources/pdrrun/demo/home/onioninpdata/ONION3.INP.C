C
# DEMO ONION3 input for species C (fake, first line names the species)
