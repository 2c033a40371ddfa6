"""placeholder"""
def find_framing(aligned, reports):
    return []
