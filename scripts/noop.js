console.log('widget build: not yet');
