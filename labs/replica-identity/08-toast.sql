-- Change only the title: the large body stays as it was.
UPDATE documents_default SET title = 'final' WHERE id = 1;
UPDATE documents_full    SET title = 'final' WHERE id = 1;
